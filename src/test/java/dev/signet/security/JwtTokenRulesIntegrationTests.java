package dev.signet.security;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import com.nimbusds.jose.JOSEObjectType;
import dev.signet.support.Http;
import dev.signet.support.Http.Response;
import dev.signet.support.JwksServer;
import dev.signet.support.TestAccounts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of which bearer tokens Signet accepts and what checking them costs: only
 * canonical compact JWTs with an expiry within the maximum lifetime and a JWT or access
 * token type; tokens with unknown keys do not turn into one JWK set fetch each.
 *
 * @author Signet developers
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "CLOUDINARY_URL=cloudinary://" + TestAccounts.API_KEY + ":" + TestAccounts.CANARY_SECRET + "@"
				+ TestAccounts.CLOUD_NAME, "signet.jwt.audience=" + JwksServer.AUDIENCE })
class JwtTokenRulesIntegrationTests {

	private static final String BODY = "{\"params\": {\"folder\": \"uploads\"}}";

	private static final String BASE64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

	private static final JwksServer jwks = JwksServer.start();

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void jwkSet(DynamicPropertyRegistry registry) {
		registry.add("signet.jwt.jwk-set-uri", jwks::jwkSetUri);
	}

	@AfterAll
	static void stopJwks() {
		jwks.close();
	}

	@Test
	void tokensWithUnknownKeysDoNotFetchTheJwkSetEachTime() {
		assertThat(bearer("/v1/signatures", jwks.token("alice")).status()).isEqualTo(200);
		int before = jwks.fetches();
		for (int i = 0; i < 30; i++) {
			Response response = bearer("/v1/signatures", jwks.tokenWithSecondKey());
			SignatureProblems.assertProblem(response, 401, "unauthenticated");
		}
		for (int i = 0; i < 30; i++) {
			assertThat(bearer("/livez", jwks.tokenWithSecondKey()).status()).isEqualTo(200);
		}
		assertThat(jwks.fetches() - before).isLessThanOrEqualTo(2);
	}

	@Test
	void nonCanonicalBase64urlTokenIsRefused() {
		String token = jwks.token("alice");
		assertThat(bearer("/v1/signatures", token).status()).isEqualTo(200);
		SignatureProblems.assertProblem(bearer("/v1/signatures", token + "="), 401, "unauthenticated");
		SignatureProblems.assertProblem(bearer("/v1/signatures", token + "=="), 401, "unauthenticated");
		// An RSA-2048 signature is 342 characters: the last one carries 2 bits, so 16
		// characters decode to the same bytes.
		char last = token.charAt(token.length() - 1);
		char variant = BASE64URL.charAt(BASE64URL.indexOf(last) | 0b1111);
		assertThat(variant).isNotEqualTo(last);
		String malleated = token.substring(0, token.length() - 1) + variant;
		SignatureProblems.assertProblem(bearer("/v1/signatures", malleated), 401, "unauthenticated");
	}

	@Test
	void tokenWithoutExpIsRefused() {
		String token = jwks.token((header) -> header, (claims) -> claims.expirationTime(null));
		SignatureProblems.assertProblem(bearer("/v1/signatures", token), 401, "unauthenticated");
	}

	@Test
	void tokenLivingLongerThanTheMaximumLifetimeIsRefused() {
		Instant now = Instant.now();
		String longLived = jwks.token((header) -> header,
				(claims) -> claims.issueTime(Date.from(now)).expirationTime(Date.from(now.plus(Duration.ofHours(48)))));
		SignatureProblems.assertProblem(bearer("/v1/signatures", longLived), 401, "unauthenticated");
		String noIssueTime = jwks.token((header) -> header,
				(claims) -> claims.issueTime(null).expirationTime(Date.from(now.plus(Duration.ofDays(365)))));
		SignatureProblems.assertProblem(bearer("/v1/signatures", noIssueTime), 401, "unauthenticated");
		String dayLong = jwks.token((header) -> header,
				(claims) -> claims.issueTime(Date.from(now)).expirationTime(Date.from(now.plus(Duration.ofHours(23)))));
		assertThat(bearer("/v1/signatures", dayLong).status()).isEqualTo(200);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "JWT", "at+jwt", "application/at+jwt", "AT+JWT" })
	void jwtAndAccessTokenTypesAreAccepted(String typ) {
		String token = jwks.token((header) -> header.type(typ.isEmpty() ? null : new JOSEObjectType(typ)),
				(claims) -> claims.subject("typ-" + typ));
		Response response = bearer("/v1/signatures", token);
		assertThat(response.status()).as(response.body()).isEqualTo(200);
	}

	@Test
	void otherTokenTypeIsRefused() {
		String token = jwks.token((header) -> header.type(new JOSEObjectType("secevent+jwt")), (claims) -> claims);
		SignatureProblems.assertProblem(bearer("/v1/signatures", token), 401, "unauthenticated");
	}

	private Response bearer(String path, String token) {
		Http http = new Http(this.port);
		return path.startsWith("/v1")
				? http.send("POST", path, BODY, "Content-Type", "application/json", "Authorization", "Bearer " + token)
				: http.send("GET", path, null, "Authorization", "Bearer " + token);
	}

}
