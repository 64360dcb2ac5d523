import { mergedConfigSchema, schemaSecretHint, type OpenClawConfig, type SecretHint } from '@clawport/core';
import { instancePlugins } from '@clawport/core/node';

/**
 * The redaction hint for one instance's config: the fields its plugins' schemas mark `secret()`, on
 * top of the name rule. Loads that instance's own plugins (as its gateway and `config set` do); a
 * plugin that fails to load marks nothing and the name rule still applies.
 */
export async function secretHintFor(config: OpenClawConfig, configPath: string): Promise<SecretHint> {
  const { plugins } = await instancePlugins(config, configPath);
  return schemaSecretHint(mergedConfigSchema(plugins));
}
