package dev.signet.security;

import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.PositiveOrZero;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * JWT bearer authentication through an OAuth2 / OpenID Connect provider. Enabled when an
 * issuer or a JWK set URI is set; then an audience is required.
 *
 * @param issuerUri the issuer ({@code iss}); its discovery document gives the JWK set
 * @param jwkSetUri the JWK set URI, when the issuer has no discovery document
 * @param audience accepted audiences ({@code aud}); a token must carry one of them
 * @param scope the scope a token needs to sign
 * @param verifiedCacheSize how many verified tokens to remember (0: verify every request)
 * @param verifiedCacheTime how long at most a verified token is remembered (never past
 * its expiry): how long a key removed from the JWK set may still be honoured
 * @param maxTokenLifetime the longest lifetime ({@code iat}, or now, to {@code exp}) a
 * token may have; tokens without {@code exp} are refused
 * @author Signet developers
 */
@ConfigurationProperties("signet.jwt")
@Validated
public record JwtProperties(@Nullable String issuerUri, @Nullable String jwkSetUri, @DefaultValue List<String> audience,
		@DefaultValue("signet:sign") String scope, @DefaultValue("10000") @PositiveOrZero int verifiedCacheSize,
		@DefaultValue("5m") Duration verifiedCacheTime, @DefaultValue("24h") Duration maxTokenLifetime) {

	/**
	 * Whether JWT authentication is configured.
	 * @return true when an issuer or JWK set URI is set
	 */
	public boolean enabled() {
		return hasText(this.issuerUri) || hasText(this.jwkSetUri);
	}

	private static boolean hasText(@Nullable String value) {
		return value != null && !value.isBlank();
	}

}
