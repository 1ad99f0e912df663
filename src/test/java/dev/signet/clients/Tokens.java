package dev.signet.clients;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;

import tools.jackson.databind.json.JsonMapper;

/**
 * Short-lived access tokens from the test's authorization server
 * ({@link authserver.AuthServerApp}).
 *
 * @author Signet developers
 */
final class Tokens {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private Tokens() {
	}

	/**
	 * Asks for a token with the signing scope (client_credentials grant).
	 * @param issuer the authorization server's base URL
	 * @param client the client id; its secret is {@code <id>-secret}
	 * @return the token response as JSON: {@code access_token}, {@code expires_in}, ...
	 */
	static String response(String issuer, String client) {
		HttpRequest request = HttpRequest.newBuilder(URI.create(issuer + "/oauth2/token"))
			.header("Authorization",
					"Basic " + Base64.getEncoder().encodeToString((client + ":" + client + "-secret").getBytes()))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=signet:sign"))
			.build();
		try {
			HttpResponse<String> response = HttpClient.newHttpClient()
				.send(request, HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() != 200) {
				throw new IllegalStateException(
						"Token request failed: " + response.statusCode() + " " + response.body());
			}
			return response.body();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Asks for a token with the signing scope.
	 * @param issuer the authorization server's base URL
	 * @param client the client id
	 * @return the access token
	 */
	static String clientCredentials(String issuer, String client) {
		return JSON.readTree(response(issuer, client)).get("access_token").stringValue();
	}

}
