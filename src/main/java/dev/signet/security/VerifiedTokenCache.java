package dev.signet.security;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.signet.codec.Sha256;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * Remembers the tokens it has verified, so that a browser signing ten uploads with the
 * same access token has its signature and claims checked once, not ten times. Keyed by
 * the token's SHA-256 (the token itself is not kept); an entry lives until the token
 * expires or for {@code maxAge}, whichever comes first, so a key removed from the JWK set
 * stops being honoured within {@code maxAge}. Tokens without {@code exp} and failures are
 * never remembered.
 *
 * @author Signet developers
 */
final class VerifiedTokenCache implements JwtDecoder {

	private final JwtDecoder delegate;

	private final Cache<ByteBuffer, Jwt> verified;

	private final Clock clock;

	VerifiedTokenCache(JwtDecoder delegate, int maxSize, Duration maxAge, Clock clock) {
		this.delegate = delegate;
		this.clock = clock;
		this.verified = Caffeine.newBuilder()
			.maximumSize(maxSize)
			.ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
			.expireAfter(new Expiry<ByteBuffer, Jwt>() {

				@Override
				public long expireAfterCreate(ByteBuffer key, Jwt jwt, long currentTime) {
					Duration left = Duration.between(clock.instant(), jwt.getExpiresAt());
					return Math.max(0, Math.min(left.toNanos(), maxAge.toNanos()));
				}

				@Override
				public long expireAfterUpdate(ByteBuffer key, Jwt jwt, long currentTime, long currentDuration) {
					return currentDuration;
				}

				@Override
				public long expireAfterRead(ByteBuffer key, Jwt jwt, long currentTime, long currentDuration) {
					return currentDuration;
				}

			})
			.build();
	}

	@Override
	public Jwt decode(String token) throws JwtException {
		ByteBuffer key = ByteBuffer.wrap(Sha256.digest(token));
		Jwt jwt = this.verified.getIfPresent(key);
		Instant now = this.clock.instant();
		if (jwt != null && jwt.getExpiresAt().isAfter(now)) {
			return jwt;
		}
		jwt = this.delegate.decode(token);
		if (jwt.getExpiresAt() != null && jwt.getExpiresAt().isAfter(now)) {
			this.verified.put(key, jwt);
		}
		return jwt;
	}

}
