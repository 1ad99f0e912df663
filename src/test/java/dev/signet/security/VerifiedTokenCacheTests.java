package dev.signet.security;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.signet.support.MutableClock;
import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests of {@link VerifiedTokenCache}: a token is verified once, then served from memory
 * until it expires or for the maximum age, never past either; failures are never
 * remembered.
 *
 * @author Signet developers
 */
class VerifiedTokenCacheTests {

	private static final Instant START = Instant.parse("2026-11-29T10:00:00Z");

	private final MutableClock clock = new MutableClock(START);

	private final CountingDecoder delegate = new CountingDecoder();

	private final VerifiedTokenCache cache = new VerifiedTokenCache(this.delegate, 100, Duration.ofMinutes(5),
			this.clock);

	@Test
	void verifiesATokenOnceAndServesItFromMemoryAfterwards() {
		this.delegate.expiresIn = Duration.ofMinutes(30);
		Jwt first = this.cache.decode("token-a");
		Jwt second = this.cache.decode("token-a");
		assertThat(second).isSameAs(first);
		assertThat(this.delegate.decoded).containsExactly("token-a");
	}

	@Test
	void verifiesEveryDistinctToken() {
		this.delegate.expiresIn = Duration.ofMinutes(30);
		this.cache.decode("token-a");
		this.cache.decode("token-b");
		this.cache.decode("token-a");
		assertThat(this.delegate.decoded).containsExactly("token-a", "token-b");
	}

	@Test
	void verifiesAgainAfterTheMaximumAgeSoThatARemovedKeyStopsWorking() {
		this.delegate.expiresIn = Duration.ofMinutes(30);
		this.cache.decode("token-a");
		this.clock.advance(Duration.ofMinutes(4));
		this.cache.decode("token-a");
		this.clock.advance(Duration.ofMinutes(2));
		this.cache.decode("token-a");
		assertThat(this.delegate.decoded).containsExactly("token-a", "token-a");
	}

	@Test
	void neverServesATokenPastItsExpiry() {
		this.delegate.expiresIn = Duration.ofSeconds(30);
		this.cache.decode("token-a");
		this.clock.advance(Duration.ofSeconds(31));
		this.delegate.failure = new BadJwtException("expired");
		assertThatExceptionOfType(BadJwtException.class).isThrownBy(() -> this.cache.decode("token-a"));
		assertThat(this.delegate.decoded).containsExactly("token-a", "token-a");
	}

	@Test
	void neverRemembersARefusedToken() {
		this.delegate.failure = new BadJwtException("bad signature");
		assertThatExceptionOfType(BadJwtException.class).isThrownBy(() -> this.cache.decode("token-a"));
		assertThatExceptionOfType(BadJwtException.class).isThrownBy(() -> this.cache.decode("token-a"));
		assertThat(this.delegate.decoded).containsExactly("token-a", "token-a");
	}

	@Test
	void neverRemembersATokenWithoutExpiry() {
		this.delegate.expiresIn = null;
		this.cache.decode("token-a");
		this.cache.decode("token-a");
		assertThat(this.delegate.decoded).containsExactly("token-a", "token-a");
	}

	private final class CountingDecoder implements JwtDecoder {

		private final List<String> decoded = new ArrayList<>();

		private Duration expiresIn;

		private BadJwtException failure;

		@Override
		public Jwt decode(String token) {
			this.decoded.add(token);
			if (this.failure != null) {
				throw this.failure;
			}
			Instant now = VerifiedTokenCacheTests.this.clock.instant();
			Jwt.Builder jwt = Jwt.withTokenValue(token).header("alg", "RS256").subject("alice").issuedAt(now);
			if (this.expiresIn != null) {
				jwt.expiresAt(now.plus(this.expiresIn));
			}
			return jwt.build();
		}

	}

}
