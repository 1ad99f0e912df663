package dev.signet.support;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;

/**
 * A JWK set endpoint on 127.0.0.1 backed by a JDK {@link HttpServer}, with the private
 * keys to mint tokens of any shape (expired, wrong audience, unknown key). It can be
 * stopped mid-test to simulate the identity provider going down.
 *
 * @author Signet developers
 */
public final class JwksServer implements AutoCloseable {

	/** The audience Signet is configured with in tests using this server. */
	public static final String AUDIENCE = "signet";

	private final RSAKey published;

	private final RSAKey unpublished;

	private final RSAKey stranger;

	private final AtomicInteger fetches = new AtomicInteger();

	private final int port;

	private volatile HttpServer server;

	private JwksServer(int port) {
		this.published = generate("known-1");
		this.unpublished = generate("known-2");
		this.stranger = generate("known-1");
		this.server = serve(port);
		this.port = this.server.getAddress().getPort();
	}

	/**
	 * Starts a JWK set endpoint on a random port.
	 * @return the server
	 */
	public static JwksServer start() {
		return new JwksServer(0);
	}

	/**
	 * The JWK set URI.
	 * @return the URI
	 */
	public String jwkSetUri() {
		return "http://127.0.0.1:" + this.port + "/jwks";
	}

	/**
	 * How many times the JWK set was fetched.
	 * @return the count
	 */
	public int fetches() {
		return this.fetches.get();
	}

	/**
	 * Stops answering: connections to the port are refused.
	 */
	public void stop() {
		HttpServer current = this.server;
		if (current != null) {
			current.stop(0);
			this.server = null;
		}
	}

	/**
	 * Publishes a second key ({@code known-2}) beside the first, so that tokens minted
	 * with {@link #tokenWithSecondKey} are valid once Signet refetches the set.
	 */
	public void publishSecondKey() {
		this.secondPublished = true;
	}

	private volatile boolean secondPublished;

	/**
	 * A valid token with the signing scope.
	 * @param subject the subject
	 * @return the compact JWT
	 */
	public String token(String subject) {
		return mint(this.published, claims(subject, AUDIENCE, "signet:sign", Instant.now().plusSeconds(600)));
	}

	/**
	 * A token with chosen claims, signed with the published key.
	 * @param subject the subject
	 * @param audience the audience
	 * @param scope the scope
	 * @param expiresAt the expiry
	 * @return the compact JWT
	 */
	public String token(String subject, String audience, String scope, Instant expiresAt) {
		return mint(this.published, claims(subject, audience, scope, expiresAt));
	}

	/**
	 * A valid-looking token signed by a key that is not published, with the kid of the
	 * published one.
	 * @return the compact JWT
	 */
	public String tokenFromStranger() {
		return mint(this.stranger, claims("mallory", AUDIENCE, "signet:sign", Instant.now().plusSeconds(600)));
	}

	/**
	 * A token signed with the second key ({@code kid=known-2}), unknown to Signet until
	 * {@link #publishSecondKey()} is called and the set refetched.
	 * @return the compact JWT
	 */
	public String tokenWithSecondKey() {
		return mint(this.unpublished, claims("bob", AUDIENCE, "signet:sign", Instant.now().plusSeconds(600)));
	}

	/**
	 * An unsigned token ({@code alg: none}) with otherwise valid claims.
	 * @return the compact JWT
	 */
	public String unsignedToken() {
		Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
		String header = b64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
		String payload = b64
			.encodeToString(claims("mallory", AUDIENCE, "signet:sign", Instant.now().plusSeconds(600)).toString()
				.getBytes(StandardCharsets.UTF_8));
		return header + "." + payload + ".";
	}

	/**
	 * A token signed with the published key, starting from valid claims and an RS256
	 * header, both changed as given.
	 * @param header changes the header (for instance its {@code typ})
	 * @param claims changes the claims (for instance drops {@code exp})
	 * @return the compact JWT
	 */
	public String token(UnaryOperator<JWSHeader.Builder> header, UnaryOperator<JWTClaimsSet.Builder> claims) {
		JWTClaimsSet valid = claims("alice", AUDIENCE, "signet:sign", Instant.now().plusSeconds(600));
		JWSHeader.Builder builder = header
			.apply(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(this.published.getKeyID()));
		try {
			SignedJWT jwt = new SignedJWT(builder.build(), claims.apply(new JWTClaimsSet.Builder(valid)).build());
			jwt.sign(new RSASSASigner(this.published));
			return jwt.serialize();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void close() {
		stop();
	}

	private static JWTClaimsSet claims(String subject, String audience, String scope, Instant expiresAt) {
		return new JWTClaimsSet.Builder().subject(subject)
			.audience(List.of(audience))
			.claim("scope", scope)
			.issueTime(Date.from(expiresAt.minusSeconds(900)))
			.expirationTime(Date.from(expiresAt))
			.build();
	}

	private static String mint(RSAKey key, JWTClaimsSet claims) {
		try {
			SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
					claims);
			jwt.sign(new RSASSASigner(key));
			return jwt.serialize();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static RSAKey generate(String kid) {
		try {
			return new RSAKeyGenerator(2048).keyID(kid).generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private HttpServer serve(int port) {
		try {
			HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
			http.createContext("/jwks", (exchange) -> {
				this.fetches.incrementAndGet();
				List<com.nimbusds.jose.jwk.JWK> keys = this.secondPublished
						? List.of(this.published.toPublicJWK(), this.unpublished.toPublicJWK())
						: List.of(this.published.toPublicJWK());
				byte[] body = new JWKSet(keys).toString(true).getBytes(StandardCharsets.UTF_8);
				exchange.getResponseHeaders().set("Content-Type", "application/json");
				exchange.sendResponseHeaders(200, body.length);
				try (OutputStream out = exchange.getResponseBody()) {
					out.write(body);
				}
			});
			http.start();
			return http;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Claims as a map, for assertions.
	 * @param token a compact JWT
	 * @return its claims
	 */
	public static Map<String, Object> claimsOf(String token) {
		try {
			return SignedJWT.parse(token).getJWTClaimsSet().getClaims();
		}
		catch (java.text.ParseException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
