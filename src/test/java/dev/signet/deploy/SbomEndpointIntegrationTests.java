package dev.signet.deploy;

import java.util.ArrayList;
import java.util.List;

import dev.signet.support.Http;
import dev.signet.support.Http.Response;
import dev.signet.support.Needs;
import dev.signet.support.TestAccounts;
import dev.signet.support.Tool;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.SpringBootVersion;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that the CycloneDX SBOM the build puts in the jar is served by the actuator at
 * {@code /actuator/sbom/application}, names Signet and the libraries it runs on (and no
 * test-only library), and is read with the health scope only.
 *
 * @author Signet developers
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = {
				"CLOUDINARY_URL=cloudinary://" + TestAccounts.API_KEY + ":" + TestAccounts.CANARY_SECRET + "@"
						+ TestAccounts.CLOUD_NAME,
				"SIGNET_API_KEYS=" + TestAccounts.API_KEYS, "signet.health.clients=backend" })
@Needs(Tool.BUILT_SBOM)
class SbomEndpointIntegrationTests {

	private static final String HEALTH_KEY = "backend-key-fedcba9876543210";

	@LocalServerPort
	private int port;

	@Test
	void sbomOfTheApplicationIsCycloneDxJsonNamingSignetAndItsLibraries() {
		Response response = new Http(this.port).send("GET", "/actuator/sbom/application", null, "X-Api-Key",
				HEALTH_KEY);
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		assertThat(response.header("Content-Type")).startsWith("application/vnd.cyclonedx+json");
		JsonNode bom = response.json();
		assertThat(bom.path("bomFormat").asString()).isEqualTo("CycloneDX");
		assertThat(bom.path("specVersion").asString()).matches("1\\.[4-9]");
		JsonNode application = bom.path("metadata").path("component");
		assertThat(application.path("group").asString()).isEqualTo("dev.signet");
		assertThat(application.path("name").asString()).isEqualTo("signet");
		assertThat(application.path("type").asString()).isEqualTo("application");
		List<String> components = new ArrayList<>();
		bom.path("components")
			.forEach((component) -> components.add(component.path("group").asString() + ":"
					+ component.path("name").asString() + ":" + component.path("version").asString()));
		assertThat(components).contains("org.springframework.boot:spring-boot:" + SpringBootVersion.getVersion(),
				"com.bucket4j:bucket4j_jdk17-core:8.19.0");
		assertThat(components)
			.anyMatch((component) -> component.startsWith("org.apache.tomcat.embed:tomcat-embed-core:"));
		// Test-scoped libraries never reach the jar, so they are not in its SBOM.
		assertThat(components).noneMatch((component) -> component.contains(":archunit:")
				|| component.contains(":testcontainers:") || component.contains(":cloudinary-core:"));
	}

	@Test
	void sbomEndpointListsTheApplicationSbom() {
		Response response = new Http(this.port).send("GET", "/actuator/sbom", null, "X-Api-Key", HEALTH_KEY);
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		assertThat(response.json().path("ids").toString()).isEqualTo("[\"application\"]");
	}

	@Test
	void sbomIsRefusedWithoutCredentialsAndToSigningClients() {
		Http http = new Http(this.port);
		Response anonymous = http.send("GET", "/actuator/sbom/application", null);
		assertThat(anonymous.status()).as(anonymous.body()).isEqualTo(401);
		assertThat(anonymous.header("Content-Type")).startsWith("application/problem+json");
		assertThat(anonymous.body()).doesNotContain("CycloneDX");
		Response signer = http.send("GET", "/actuator/sbom/application", null, "X-Api-Key", TestAccounts.CLIENT_KEY);
		assertThat(signer.status()).as(signer.body()).isEqualTo(403);
		assertThat(signer.json().path("detail").asString()).contains("signet:health", "SIGNET_HEALTH_CLIENTS");
		assertThat(http.send("GET", "/actuator/sbom", null, "X-Api-Key", TestAccounts.CLIENT_KEY).status())
			.isEqualTo(403);
	}

}
