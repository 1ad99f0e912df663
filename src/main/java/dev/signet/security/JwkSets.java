package dev.signet.security;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.text.ParseException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jose.util.Resource;
import com.nimbusds.jose.util.ResourceRetriever;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;

/**
 * The identity provider's signing keys, fetched through Nimbus' {@link JWKSourceBuilder}:
 * cached for {@link #CACHE_TIME}, refetched for an unknown {@code kid} at most once per
 * {@link #MIN_REFRESH_INTERVAL} (so that tokens with made-up key ids do not turn into
 * traffic to the identity provider; a token with an unknown key is refused in between),
 * and served from the last good copy for {@link #OUTAGE_TOLERANCE} while the provider is
 * unreachable (tokens with other keys then get 503: Signet cannot tell whether they are
 * good). Nothing is fetched before the first token arrives, so Signet starts while the
 * provider is down. Every fetch is counted in {@value #FETCHES}, tagged
 * {@code outcome=success} or {@code outcome=failure} (both registered up front, so that
 * an alert sees the failures from the first one).
 *
 * @author Signet developers
 */
final class JwkSets {

	/** The counter of JWK set fetches (discovery included), by outcome. */
	static final String FETCHES = "signet.jwt.jwks.fetches";

	static final Duration CACHE_TIME = Duration.ofMinutes(5);

	static final Duration MIN_REFRESH_INTERVAL = Duration.ofSeconds(30);

	static final Duration OUTAGE_TOLERANCE = Duration.ofHours(24);

	private static final Duration TIMEOUT = Duration.ofSeconds(2);

	private static final int SIZE_LIMIT = 256 * 1024;

	private JwkSets() {
	}

	/**
	 * The keys of a JWK set URI, or of the issuer's discovery document when no URI is
	 * given.
	 * @param jwkSetUri the JWK set URI, or {@code null}
	 * @param issuer the issuer, used when {@code jwkSetUri} is {@code null}
	 * @param meters where the fetches are counted
	 * @return the key source
	 */
	static JWKSource<SecurityContext> remote(@Nullable String jwkSetUri, @Nullable String issuer,
			MeterRegistry meters) {
		ResourceRetriever http = new DefaultResourceRetriever((int) TIMEOUT.toMillis(), (int) TIMEOUT.toMillis(),
				SIZE_LIMIT);
		URL url = url((jwkSetUri != null) ? jwkSetUri : issuer);
		Reachability reachability = new Reachability(
				(jwkSetUri != null) ? http : new DiscoveringRetriever(http, issuer), fetches(meters, "success"),
				fetches(meters, "failure"));
		JWKSource<SecurityContext> source = JWKSourceBuilder.<SecurityContext>create(url, reachability)
			.cache(CACHE_TIME.toMillis(), TIMEOUT.multipliedBy(2).toMillis())
			.refreshAheadCache(false)
			.rateLimited(MIN_REFRESH_INTERVAL.toMillis())
			.outageTolerant(OUTAGE_TOLERANCE.toMillis())
			.build();
		return new UnknownKeys(source, reachability);
	}

	private static Counter fetches(MeterRegistry meters, String outcome) {
		return Counter.builder(FETCHES)
			.description("Fetches of the identity provider's JWK set (and discovery document), by outcome")
			.tag("outcome", outcome)
			.register(meters);
	}

	private static URL url(String uri) {
		try {
			return URI.create(uri).toURL();
		}
		catch (MalformedURLException | IllegalArgumentException ex) {
			throw new IllegalArgumentException("Not a URL: " + uri, ex);
		}
	}

	/**
	 * Tells a key that does not exist from keys that cannot be fetched. When the last
	 * fetch succeeded, a key missing from the set (also when the rate limit refuses a
	 * refresh, the set being moments old) means the token is bad: no key matches, 401.
	 * When it failed, Signet cannot tell: the source fails, 503, even while the last good
	 * copy still serves the keys it has.
	 */
	private record UnknownKeys(JWKSource<SecurityContext> source,
			Reachability reachability) implements JWKSource<SecurityContext> {

		@Override
		public List<JWK> get(JWKSelector selector, SecurityContext context) throws KeySourceException {
			List<JWK> keys;
			try {
				keys = this.source.get(selector, context);
			}
			catch (RateLimitReachedException ex) {
				keys = List.of();
			}
			if (keys.isEmpty() && !this.reachability.lastFetchSucceeded()) {
				throw new KeySourceException("The identity provider's JWK set is unreachable");
			}
			return keys;
		}

	}

	/**
	 * Remembers whether the last fetch of the JWK set succeeded, and counts the fetches.
	 */
	private static final class Reachability implements ResourceRetriever {

		private final ResourceRetriever delegate;

		private final Counter succeeded;

		private final Counter failed;

		private volatile boolean lastFetchSucceeded;

		Reachability(ResourceRetriever delegate, Counter succeeded, Counter failed) {
			this.delegate = delegate;
			this.succeeded = succeeded;
			this.failed = failed;
		}

		boolean lastFetchSucceeded() {
			return this.lastFetchSucceeded;
		}

		@Override
		public Resource retrieveResource(URL url) throws IOException {
			try {
				Resource resource = this.delegate.retrieveResource(url);
				this.lastFetchSucceeded = true;
				this.succeeded.increment();
				return resource;
			}
			catch (IOException | RuntimeException ex) {
				this.lastFetchSucceeded = false;
				this.failed.increment();
				throw ex;
			}
		}

	}

	/**
	 * Fetches the JWK set named by the issuer's discovery document (OpenID Connect, then
	 * RFC 8414), found on the first fetch and remembered.
	 */
	private static final class DiscoveringRetriever implements ResourceRetriever {

		private final ResourceRetriever http;

		private final String issuer;

		private volatile @Nullable URL jwkSetUri;

		DiscoveringRetriever(ResourceRetriever http, String issuer) {
			this.http = http;
			this.issuer = issuer;
		}

		@Override
		public Resource retrieveResource(URL ignored) throws IOException {
			URL uri = this.jwkSetUri;
			if (uri == null) {
				uri = discover();
				this.jwkSetUri = uri;
			}
			return this.http.retrieveResource(uri);
		}

		private URL discover() throws IOException {
			URI issuerUri = URI.create(this.issuer);
			String path = (issuerUri.getRawPath() != null) ? issuerUri.getRawPath().replaceAll("/$", "") : "";
			String host = issuerUri.getScheme() + "://" + issuerUri.getRawAuthority();
			IOException last = null;
			for (String candidate : List.of(host + path + "/.well-known/openid-configuration",
					host + "/.well-known/openid-configuration" + path,
					host + "/.well-known/oauth-authorization-server" + path)) {
				try {
					Map<String, Object> metadata = JSONObjectUtils
						.parse(this.http.retrieveResource(url(candidate)).getContent());
					if (!this.issuer.equals(metadata.get("issuer"))) {
						throw new IOException("The discovery document names another issuer than " + this.issuer);
					}
					Object jwksUri = metadata.get("jwks_uri");
					if (!(jwksUri instanceof String value)) {
						throw new IOException("The discovery document of " + this.issuer + " has no jwks_uri");
					}
					return url(value);
				}
				catch (IOException ex) {
					last = ex;
				}
				catch (ParseException ex) {
					last = new IOException("Unreadable discovery document at " + candidate, ex);
				}
			}
			throw last;
		}

	}

}
