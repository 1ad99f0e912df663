package dev.signet.security;

import dev.signet.support.Http;
import dev.signet.support.Http.Response;
import dev.signet.support.TestAccounts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.web.FilterChainProxy;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.test.util.ReflectionTestUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that credentials are checked where authentication is needed (the API, however its
 * path is encoded, and health details) and nowhere else, so that open endpoints are no
 * oracle for guessing keys.
 *
 * @author Signet developers
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "CLOUDINARY_URL=cloudinary://" + TestAccounts.API_KEY + ":" + TestAccounts.CANARY_SECRET + "@"
				+ TestAccounts.CLOUD_NAME, "SIGNET_API_KEYS=" + TestAccounts.API_KEYS })
class AuthenticationScopeIntegrationTests {

	private static final String BODY = "{\"params\": {\"folder\": \"uploads\"}}";

	@LocalServerPort
	private int port;

	@Test
	void everyRequestPassesTheStrictFirewallWithItsFastHeaderChecks(@Autowired FilterChainProxy chain) {
		// Spring Security wraps the chain for MVC; the wrapped one does the filtering.
		Object inner = ReflectionTestUtils.getField(chain, "springSecurityFilterChain");
		Object firewall = ReflectionTestUtils.getField((inner != null) ? inner : chain, "firewall");
		assertThat(firewall).isInstanceOf(StrictHttpFirewall.class);
		assertThat(ReflectionTestUtils.getField(firewall, "allowedHeaderValues").getClass().getName())
			.startsWith(FastHeaderChecks.class.getName());
		assertThat(ReflectionTestUtils.getField(firewall, "allowedHeaderNames").getClass().getName())
			.startsWith(FastHeaderChecks.class.getName());
	}

	@ParameterizedTest
	@ValueSource(strings = { "/livez", "/v3/api-docs", "/actuator/prometheus" })
	void credentialsAreNotCheckedWhereNoAuthenticationIsNeeded(String path) {
		Http http = new Http(this.port);
		Response wrongKey = http.send("GET", path, null, "X-Api-Key", "guess-0123456789abcdef");
		assertThat(wrongKey.status()).as(wrongKey.body()).isEqualTo(200);
		assertThat(wrongKey.header("WWW-Authenticate")).isNull();
		Response junkToken = http.send("GET", path, null, "Authorization", "Bearer guess");
		assertThat(junkToken.status()).as(junkToken.body()).isEqualTo(200);
	}

	@ParameterizedTest
	@ValueSource(strings = { "/v%31/signatures", "/v1/%73ignatures", "/v1/signature%73" })
	void encodedApiPathIsAuthenticatedLikeItsDecodedForm(String path) {
		Http http = new Http(this.port);
		Response anonymous = http.send("POST", path, BODY, "Content-Type", "application/json");
		assertThat(anonymous.status()).as(anonymous.body()).isEqualTo(401);
		Response wrongKey = http.send("POST", path, BODY, "Content-Type", "application/json", "X-Api-Key",
				"guess-0123456789abcdef");
		assertThat(wrongKey.status()).as(wrongKey.body()).isEqualTo(401);
	}

	@ParameterizedTest
	@ValueSource(strings = { "/actuator/health", "/readyz", "/v1/signatures" })
	void wrongCredentialsAreRefusedWhereAuthenticationIsNeeded(String path) {
		Http http = new Http(this.port);
		String method = path.startsWith("/v1") ? "POST" : "GET";
		Response wrongKey = http.send(method, path, BODY, "Content-Type", "application/json", "X-Api-Key",
				"guess-0123456789abcdef");
		assertThat(wrongKey.status()).as(wrongKey.body()).isEqualTo(401);
	}

}
