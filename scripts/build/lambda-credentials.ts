// Stands in for @aws-sdk/credential-provider-node in the Lambda bundles only (scripts/build/bundle.cjs aliases it; the
// local stack and the tests run the sources with the SDK's own chain).
//
// The SDK's default chain tries, in order: environment variables, SSO, the shared ini files, a credential
// process, a web-identity token file, the container endpoint, then EC2's instance metadata. On Lambda the
// first link always answers: the runtime puts the execution role's keys in AWS_ACCESS_KEY_ID,
// AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN. The links Lambda never reaches (SSO, ini, process, web
// identity, and the nested STS/SSO/sign-in clients they bring) were about 130 KB of every bundle and a quarter
// of its module-load time. This keeps the environment link, and the container endpoint after it for an
// environment that hands credentials out that way, in the same order and with the same refresh rule as the
// SDK's chain (credentials that expire are fetched again five minutes before they do).
import { fromHttp } from '@aws-sdk/credential-provider-http';
import { fromEnv } from '@aws-sdk/credential-provider-env';
import { CredentialsProviderError, chain, memoize } from '@smithy/core/config';
import { fromContainerMetadata } from '@smithy/credential-provider-imds';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';

type Init = NonNullable<Parameters<typeof fromEnv>[0]> &
  NonNullable<Parameters<typeof fromHttp>[0]> &
  NonNullable<Parameters<typeof fromContainerMetadata>[0]>;

const fromContainer = (init: Init): AwsCredentialIdentityProvider => {
  if (!process.env.AWS_CONTAINER_CREDENTIALS_FULL_URI && !process.env.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI) {
    return async () => {
      throw new CredentialsProviderError(
        'no credentials: a Lambda bundle reads them from AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY or the container endpoint',
        { tryNextLink: false, logger: init.logger },
      );
    };
  }
  return chain(fromHttp(init), fromContainerMetadata(init));
};

export const defaultProvider = (init: Init = {}): AwsCredentialIdentityProvider =>
  memoize(
    chain(fromEnv(init), () => fromContainer(init)()),
    (c: AwsCredentialIdentity) => c.expiration !== undefined && c.expiration.getTime() - Date.now() < 300_000,
    (c: AwsCredentialIdentity) => c.expiration !== undefined,
  );
