// A local Serverless plugin: a stage that is not a development one is never packaged or deployed open.
// Without a real JWT_SECRET (at least 32 characters) the package step stops with a clear message, so a
// plain `serverless deploy` (whose stage defaults to prod) cannot publish a stack anyone can sign in to; nor
// can one whose WeChat sign-in goes anywhere but WeChat's own servers.
const DEV_STAGES = ['local', 'test'];
const MIN_SECRET_LENGTH = 32;
const WECHAT_API_BASE = 'https://api.weixin.qq.com';

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
    // The WeChat stand-in of the local stack answers any code with any person: a deployed stack that trusted it
    // would let anyone sign in as anyone.
    const wechat = this.serverless.service.provider.environment?.WECHAT_API_BASE ?? '';
    if (wechat !== WECHAT_API_BASE) {
      throw new this.serverless.classes.Error(
        `Stage "${stage}" must sign in through WeChat itself (WECHAT_API_BASE=${WECHAT_API_BASE}), not ${wechat || 'an empty address'}; unset WECHAT_API_BASE in the deploying shell.`,
      );
    }
  }
}

module.exports = FailClosedPlugin;
