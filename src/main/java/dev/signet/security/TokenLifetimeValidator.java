package dev.signet.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Requires an expiry ({@code exp}) and caps a token's lifetime: from {@code iat} (or now,
 * when it has none or it lies in the future) to {@code exp} at most {@code maxLifetime}.
 * Without it a token without {@code exp}, or with one years ahead, would be honoured
 * forever once leaked.
 *
 * @author Signet developers
 */
final class TokenLifetimeValidator implements OAuth2TokenValidator<Jwt> {

	private final Duration maxLifetime;

	private final Clock clock;

	TokenLifetimeValidator(Duration maxLifetime, Clock clock) {
		this.maxLifetime = maxLifetime;
		this.clock = clock;
	}

	@Override
	public OAuth2TokenValidatorResult validate(Jwt token) {
		Instant expiresAt = token.getExpiresAt();
		if (expiresAt == null) {
			return failure("The token has no expiry (exp)");
		}
		Instant now = this.clock.instant();
		Instant issuedAt = token.getIssuedAt();
		Instant from = (issuedAt != null && issuedAt.isBefore(now)) ? issuedAt : now;
		if (Duration.between(from, expiresAt).compareTo(this.maxLifetime) > 0) {
			return failure("The token lives longer than " + this.maxLifetime.toHours() + "h (exp too far ahead)");
		}
		return OAuth2TokenValidatorResult.success();
	}

	private static OAuth2TokenValidatorResult failure(String description) {
		return OAuth2TokenValidatorResult.failure(new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, description, null));
	}

}
