package dev.signet.security;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Static client API keys, from {@code SIGNET_API_KEYS} (or a file of that name in the
 * config tree) as {@code name:key,name2:key2}.
 *
 * @param apiKeys the keys; parsed and checked at startup, never shown
 * @author Signet developers
 */
@ConfigurationProperties("signet")
public record ApiKeyProperties(@Nullable String apiKeys) {

	@Override
	public String toString() {
		return "ApiKeyProperties[apiKeys=" + ((this.apiKeys != null) ? "******" : "null") + "]";
	}

}
