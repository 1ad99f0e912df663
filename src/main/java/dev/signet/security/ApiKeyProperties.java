package dev.signet.security;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Static client API keys, from {@code SIGNET_API_KEYS} (or a file of that name in the
 * config tree) as {@code name:key,name2:key2}.
 *
 * @param apiKeys the keys; parsed and checked at startup, never shown
 * @param trustedClients clients (backends) that may name their logged-in end user in the
 * {@code X-Signet-User} header, which then fills {@code {sub}} and {@code {ns}}
 * @param apiKeysFile a file holding the keys, re-read while Signet runs (by default the
 * {@code SIGNET_API_KEYS} file of the config tree, when the keys come from there)
 * @param apiKeysReloadInterval how often the key file is checked for changes
 * @author Signet developers
 */
@ConfigurationProperties("signet")
public record ApiKeyProperties(@Nullable String apiKeys, @DefaultValue List<String> trustedClients,
		@Nullable Path apiKeysFile, @DefaultValue("10s") Duration apiKeysReloadInterval) {

	@Override
	public String toString() {
		return "ApiKeyProperties[apiKeys=" + ((this.apiKeys != null) ? "******" : "null") + ", trustedClients="
				+ this.trustedClients + ", apiKeysFile=" + this.apiKeysFile + "]";
	}

}
