package dev.signet.console;

import java.util.List;

import dev.signet.support.Http;
import dev.signet.support.Http.Response;
import dev.signet.support.TestAccounts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's files over plain HTTP: {@code /console} and {@code /console/} serve the
 * page without credentials under the console's own strict Content-Security-Policy, its
 * scripts and styles come from the jar under the same policy and use no inline code, no
 * eval, no browser storage and nothing from another origin, and the API keeps its own
 * policy.
 *
 * @author Signet developers
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "CLOUDINARY_URL=cloudinary://" + TestAccounts.API_KEY + ":" + TestAccounts.CANARY_SECRET + "@"
				+ TestAccounts.CLOUD_NAME, "SIGNET_API_KEYS=" + TestAccounts.API_KEYS })
class ConsoleHttpTests {

	/** The console's policy, exactly. */
	static final String CONSOLE_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
			+ "img-src 'self' data:; connect-src 'self'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'";

	private static final String API_POLICY = "default-src 'none'; frame-ancestors 'none'";

	private static final List<String> FILES = List.of("/console/console.js", "/console/diagnose.js",
			"/console/profiles.js", "/console/console.css", "/console/index.html");

	@LocalServerPort
	private int port;

	private Http http;

	@BeforeEach
	void setUp() {
		this.http = new Http(this.port);
	}

	@Test
	void consoleServesItsPageWithoutCredentialsUnderItsOwnStrictPolicy() {
		for (String path : List.of("/console", "/console/")) {
			Response page = this.http.send("GET", path, null, "Accept", "text/html,application/xhtml+xml,*/*;q=0.8");
			assertThat(page.status()).as(path + ": " + page.body()).isEqualTo(200);
			assertThat(page.header("Content-Type")).startsWith("text/html");
			assertThat(page.header("Content-Security-Policy")).as(path)
				.isEqualTo(CONSOLE_POLICY)
				.doesNotContain("unsafe-inline")
				.doesNotContain("unsafe-eval");
			assertThat(page.header("X-Content-Type-Options")).isEqualTo("nosniff");
			assertThat(page.body()).contains("<title>Signet console</title>")
				.contains("<script type=\"module\" src=\"/console/console.js\"></script>")
				.contains("<label for=\"auth-secret\">");
		}
	}

	@Test
	void consoleFilesComeFromTheJarUnderThePolicyWithNoInlineCodeStorageOrOtherOrigin() {
		for (String path : FILES) {
			Response file = this.http.send("GET", path, null);
			assertThat(file.status()).as(path).isEqualTo(200);
			assertThat(file.header("Content-Security-Policy")).as(path).isEqualTo(CONSOLE_POLICY);
			String body = file.body();
			assertThat(body).as(path)
				.doesNotContain("innerHTML")
				.doesNotContain("eval(")
				.doesNotContain("new Function")
				.doesNotContain("localStorage.setItem")
				.doesNotContain("sessionStorage.setItem")
				.doesNotContain("document.cookie")
				.doesNotContain("style=\"")
				.doesNotContain("@import")
				.doesNotContain("url(");
			if (path.endsWith(".js")) {
				assertThat(file.header("Content-Type")).as(path)
					.containsAnyOf("text/javascript", "application/javascript");
			}
		}
		String page = this.http.send("GET", "/console/index.html", null).body();
		assertThat(page).as("every script is a file of the console; no inline script, no handler attribute")
			.doesNotContainPattern("<script(?![^>]*\\ssrc=\"/console/)")
			.doesNotContainPattern("\\son[a-z]+=")
			.doesNotContain("https://")
			.doesNotContain("http://");
		assertThat(this.http.send("GET", "/console/console.css", null).body()).doesNotContain("http");
	}

	@Test
	void apiKeepsItsOwnPolicyAndOtherPathsAreUnchanged() {
		Response profiles = this.http.send("GET", "/v1/profiles", null, "X-Api-Key", TestAccounts.CLIENT_KEY);
		assertThat(profiles.status()).as(profiles.body()).isEqualTo(200);
		assertThat(profiles.header("Content-Security-Policy")).isEqualTo(API_POLICY);
		Response diagnosis = this.http.postJson("/v1/diagnostics/invalid-signature",
				"{\"error\": \"Invalid Signature ***. String to sign - 'source=uw&timestamp=1709830648'.\", "
						+ "\"params\": {\"timestamp\": 1709830648}}");
		assertThat(diagnosis.status()).as(diagnosis.body()).isEqualTo(200);
		assertThat(diagnosis.header("Content-Security-Policy")).isEqualTo(API_POLICY);
		Response refused = this.http.send("GET", "/v1/profiles", null);
		assertThat(refused.status()).isEqualTo(401);
		assertThat(refused.header("Content-Security-Policy")).isEqualTo(API_POLICY);
		Response probe = this.http.send("GET", "/livez", null);
		assertThat(probe.status()).isEqualTo(200);
		assertThat(probe.header("Content-Security-Policy")).isNull();
		Response consoleLike = this.http.send("GET", "/consoles", null);
		assertThat(consoleLike.header("Content-Security-Policy")).as("only /console and what is under it").isNull();
	}

}
