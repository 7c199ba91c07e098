// A local Serverless plugin: a stage that is not a development one is never packaged or deployed open.
// Without a real JWT_SECRET (at least 32 characters) the package step stops with a clear message, so a
// plain `serverless deploy` (whose stage defaults to prod) cannot publish a stack anyone can sign in to.
const DEV_STAGES = ['local', 'test'];
const MIN_SECRET_LENGTH = 32;

class FailClosedPlugin {
  constructor(serverless) {
    this.serverless = serverless;
    this.hooks = { 'before:package:initialize': () => this.check() };
  }

  check() {
    const stage = this.serverless.service.provider.stage;
    if (DEV_STAGES.includes(stage)) return;
    const secret = this.serverless.service.provider.environment?.JWT_SECRET ?? '';
    if (secret.length < MIN_SECRET_LENGTH) {
      throw new this.serverless.classes.Error(
        `Stage "${stage}" needs JWT_SECRET (at least ${MIN_SECRET_LENGTH} characters) in the environment; refusing to package an API that cannot sign tokens safely.`,
      );
    }
  }
}

module.exports = FailClosedPlugin;
