package dev.signet.accounts;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The credential self-check in the health and readiness details: per account, whether its
 * configuration is well-formed, its API keys and the fingerprint of each secret (first 8
 * hex of its SHA-256), never a secret. Always UP once started: a refused key file change
 * leaves the previous keys working, and is shown as {@code well_formed: false} with the
 * reason.
 *
 * @author Signet developers
 */
class CloudinaryAccountsHealthIndicator implements HealthIndicator {

	private final AccountRegistry registry;

	CloudinaryAccountsHealthIndicator(AccountRegistry registry) {
		this.registry = registry;
	}

	@Override
	public Health health() {
		Health.Builder health = Health.up();
		for (AccountRegistry.AccountStatus status : this.registry.status()) {
			Map<String, Object> account = new LinkedHashMap<>();
			account.put("cloud_name", status.cloudName());
			account.put("well_formed", status.wellFormed());
			account.put("source", status.source());
			account.put("reloadable", status.reloadable());
			account.put("loaded_at", status.loadedAt().toString());
			List<Map<String, Object>> keys = status.keys().stream().map((key) -> {
				Map<String, Object> entry = new LinkedHashMap<>();
				entry.put("api_key", key.apiKey());
				entry.put("role", key.role());
				entry.put("secret_fingerprint", key.secretFingerprint());
				entry.put("signature_algorithm", key.algorithm());
				entry.put("signature_version", key.signatureVersion());
				return entry;
			}).toList();
			account.put("keys", keys);
			if (status.tokenKeyFingerprint() != null) {
				account.put("auth_token_key_fingerprint", status.tokenKeyFingerprint());
			}
			if (status.error() != null) {
				account.put("error", status.error());
			}
			health.withDetail(status.name(), account);
		}
		return health.build();
	}

}
