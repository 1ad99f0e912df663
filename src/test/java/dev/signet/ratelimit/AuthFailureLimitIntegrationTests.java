package dev.signet.ratelimit;

import dev.signet.support.Http;
import dev.signet.support.Http.Response;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of the limit on failed authentication per source address, over real HTTP. Its own
 * context, because it blocks 127.0.0.1.
 *
 * @author Signet developers
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { Callers.CLOUDINARY_URL, "SIGNET_API_KEYS=" + Callers.API_KEYS, "signet.rate-limit.enabled=true",
				"signet.rate-limit.auth-failures.capacity=4" })
class AuthFailureLimitIntegrationTests {

	@LocalServerPort
	private int port;

	@Test
	void addressThatFailsAuthenticationTooOftenIsRefusedBeforeItsCredentialsAreChecked() {
		Http http = new Http(this.port);
		assertThat(Callers.sign(http, "wrong-key-0123456789abcdef").status()).isEqualTo(401);
		assertThat(Callers.sign(http, "another-wrong-key-0123456789").status()).isEqualTo(401);
		assertThat(http.send("POST", Callers.SIGN, Callers.BODY, "Content-Type", "application/json").status())
			.isEqualTo(401);
		assertThat(http
			.send("POST", Callers.SIGN, Callers.BODY, "Content-Type", "application/json", "Authorization",
					"Bearer not-a-token")
			.status()).isEqualTo(401);
		Response blocked = Callers.sign(http, Callers.ALICE);
		long retry = Callers.assertRateLimited(blocked, "auth-failures", "\"auth-failures\";q=4;w=60");
		assertThat(retry).isBetween(1L, 15L);
		assertThat(blocked.json().get("detail").stringValue())
			.startsWith("Too many failed authentications from this address (4 per minute)");
		assertThat(blocked.header("WWW-Authenticate")).isNull();
		assertThat(http.send("GET", "/actuator/health", null).status()).isEqualTo(200);
		assertThat(http.send("GET", "/actuator/prometheus", null).body())
			.containsPattern("signet_ratelimit_refused_total\\{limit=\"auth-failures\",profile=\"none\"\\} [1-9]");
	}

}
