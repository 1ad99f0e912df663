package authserver;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;

/**
 * A real OAuth2 authorization server (Spring Authorization Server) for tests, started
 * in-process on a random port, outside Signet's component scan.
 * <p>
 * Clients (client_credentials, secret {@code <id>-secret}): {@code web-app} gets scope
 * {@code signet:sign} and audience {@code signet}; {@code reader} gets scope
 * {@code profile:read} only; {@code other-api} gets the signing scope but audience
 * {@code other-api}; {@code monitor} gets scope {@code signet:health}. Every token names
 * its client in {@code azp}, as most identity providers do, except those of
 * {@code shop-backend} and {@code backend} (signing scope): they carry neither
 * {@code azp} nor {@code client_id}, only a {@code sub} that looks like a client name.
 *
 * @author Signet developers
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class AuthServerApp {

	/** Clients whose tokens name no client: their sub is all there is. */
	static final List<String> NO_AZP = List.of("shop-backend", "backend");

	@Bean
	OAuth2TokenCustomizer<JwtEncodingContext> audienceCustomizer() {
		return (context) -> {
			String client = context.getRegisteredClient().getClientId();
			context.getClaims().audience(List.of(client.equals("other-api") ? "other-api" : "signet"));
			// Like Keycloak, Auth0 and Entra ID, name the client in azp (Spring
			// Authorization
			// Server's client_credentials tokens carry neither azp nor client_id by
			// default).
			if (!NO_AZP.contains(client)) {
				context.getClaims().claim("azp", client);
			}
		};
	}

	/**
	 * Starts the server.
	 * @return the running context; close it when done
	 */
	public static ConfigurableApplicationContext start() {
		List<String> properties = new ArrayList<>(List.of("server.port=0", "server.address=127.0.0.1",
				"management.endpoint.health.validate-group-membership=false", "spring.main.banner-mode=off",
				"management.endpoints.web.exposure.include=health"));
		client(properties, "web-app", "signet:sign");
		client(properties, "reader", "profile:read");
		client(properties, "other-api", "signet:sign");
		client(properties, "monitor", "signet:health");
		NO_AZP.forEach((client) -> client(properties, client, "signet:sign"));
		return new SpringApplicationBuilder(AuthServerApp.class).properties(properties.toArray(String[]::new)).run();
	}

	private static void client(List<String> properties, String id, String scope) {
		String prefix = "spring.security.oauth2.authorizationserver.client." + id + ".registration.";
		properties.add(prefix + "client-id=" + id);
		properties.add(prefix + "client-secret={noop}" + id + "-secret");
		properties.add(prefix + "client-authentication-methods=client_secret_basic");
		properties.add(prefix + "authorization-grant-types=client_credentials");
		properties.add(prefix + "scopes=" + scope);
	}

}
