package dev.signet.assets;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import dev.signet.cloudinary.CloudinaryAccount;
import dev.signet.cloudinary.CloudinaryAccounts;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@link CloudinaryAdmin} over HTTP: the Admin API at the account's upload prefix
 * with basic auth, and the signed {@code destroy}. Each attempt is bounded by
 * {@code signet.cloudinary-api.timeout}; timeouts, connect errors, 5xx, 420 and 429 are
 * retried with a doubling backoff up to {@code attempts}; other answers are final.
 *
 * @author Signet developers
 */
public final class HttpCloudinaryAdmin implements CloudinaryAdmin {

	private static final Logger logger = LoggerFactory.getLogger(HttpCloudinaryAdmin.class);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final CloudinaryAccounts accounts;

	private final CloudinaryApiProperties properties;

	private final Clock clock;

	private final HttpClient http;

	/**
	 * A client.
	 * @param accounts the accounts, asked for the current key on every call
	 * @param properties deadlines and retries
	 * @param clock the clock that stamps {@code destroy}
	 */
	public HttpCloudinaryAdmin(CloudinaryAccounts accounts, CloudinaryApiProperties properties, Clock clock) {
		this.accounts = accounts;
		this.properties = properties;
		this.clock = clock;
		this.http = HttpClient.newBuilder()
			.connectTimeout(properties.timeout())
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
	}

	@Override
	public AssetFacts resource(String account, String resourceType, String type, String publicId) {
		CloudinaryAccount key = this.accounts.current(account);
		URI uri = URI.create(key.uploadPrefix() + "/v1_1/" + encode(key.cloudName()) + "/resources/"
				+ encode(resourceType) + "/" + encode(type) + "/" + encode(publicId));
		String what = "the " + resourceType + " " + publicId + " of account " + account;
		HttpResponse<String> response = call(what,
				() -> HttpRequest.newBuilder(uri)
					.GET()
					.header("Authorization", key.basicAuthorization())
					.header("Accept", "application/json")
					.timeout(this.properties.timeout())
					.build());
		if (response.statusCode() == 404) {
			throw new NotFound("Cloudinary has no " + what);
		}
		JsonNode body = parse(response, what);
		String assetId = text(body, "asset_id");
		String foundId = text(body, "public_id");
		if (assetId == null || foundId == null) {
			throw new Unavailable("Cloudinary's answer for " + what + " has no asset_id or public_id");
		}
		return new AssetFacts(assetId, foundId, orElse(text(body, "resource_type"), resourceType),
				orElse(text(body, "type"), type), body.path("version").asLong(0), text(body, "secure_url"),
				body.path("bytes").asLong(0), text(body, "format"), integer(body, "width"), integer(body, "height"),
				body.hasNonNull("duration") ? body.get("duration").asDouble() : null,
				text(body.path("context").path("custom"), UploadRecord.CONTEXT_KEY));
	}

	@Override
	public boolean destroy(String account, String resourceType, String type, String publicId) {
		CloudinaryAccount key = this.accounts.current(account);
		URI uri = URI
			.create(key.uploadPrefix() + "/v1_1/" + encode(key.cloudName()) + "/" + encode(resourceType) + "/destroy");
		String what = "the destroy of the " + resourceType + " " + publicId + " of account " + account;
		HttpResponse<String> response = call(what, () -> {
			Map<String, String> signed = new TreeMap<>();
			signed.put("public_id", publicId);
			signed.put("type", type);
			signed.put("invalidate", "true");
			signed.put("timestamp", Long.toString(this.clock.instant().getEpochSecond()));
			Map<String, String> form = new LinkedHashMap<>(signed);
			form.put("api_key", key.apiKey());
			form.put("signature", key.signer().sign(signed));
			return HttpRequest.newBuilder(uri)
				.POST(HttpRequest.BodyPublishers.ofString(form(form)))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.header("Accept", "application/json")
				.timeout(this.properties.timeout())
				.build();
		});
		JsonNode body = parse(response, what);
		String result = text(body, "result");
		if ("ok".equals(result)) {
			return true;
		}
		if ("not found".equals(result)) {
			return false;
		}
		throw new Unavailable("Cloudinary answered " + what + " with result " + result);
	}

	private HttpResponse<String> call(String what, RequestFactory request) {
		Duration wait = this.properties.backoff();
		String last = "";
		for (int attempt = 1; attempt <= this.properties.attempts(); attempt++) {
			if (attempt > 1) {
				sleep(wait);
				wait = wait.multipliedBy(2);
			}
			try {
				HttpResponse<String> response = this.http.send(request.create(),
						HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
				int status = response.statusCode();
				if (status >= 500 || status == 420 || status == 429) {
					last = "answered " + status;
				}
				else if (status == 401 || status == 403) {
					throw new Unavailable("Cloudinary refused the account's API key and secret (" + status + ") for "
							+ what + "; check the account's key");
				}
				else if (status >= 400 && status != 404) {
					throw new Unavailable("Cloudinary answered " + status + " for " + what);
				}
				else {
					return response;
				}
			}
			catch (HttpTimeoutException ex) {
				last = "did not answer within " + this.properties.timeout();
			}
			catch (IOException ex) {
				last = "could not be reached (" + ex.getClass().getSimpleName() + ")";
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new Unavailable("interrupted while asking Cloudinary for " + what);
			}
			logger.debug("Cloudinary {} for {} (attempt {} of {})", last, what, attempt, this.properties.attempts());
		}
		throw new Unavailable(
				"Cloudinary " + last + " for " + what + " after " + this.properties.attempts() + " attempt(s)");
	}

	private static void sleep(Duration wait) {
		try {
			Thread.sleep(wait.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new Unavailable("interrupted while waiting to retry Cloudinary");
		}
	}

	private static JsonNode parse(HttpResponse<String> response, String what) {
		try {
			JsonNode body = JSON.readTree(response.body());
			if (body == null || !body.isObject()) {
				throw new Unavailable("Cloudinary's answer for " + what + " is not a JSON object");
			}
			return body;
		}
		catch (JacksonException ex) {
			throw new Unavailable("Cloudinary's answer for " + what + " is not JSON");
		}
	}

	private static @Nullable String text(JsonNode body, String field) {
		JsonNode node = body.get(field);
		return (node != null && node.isString()) ? node.asString() : null;
	}

	private static @Nullable Integer integer(JsonNode body, String field) {
		JsonNode node = body.get(field);
		return (node != null && node.isNumber()) ? node.asInt() : null;
	}

	private static String orElse(@Nullable String value, String fallback) {
		return (value != null) ? value : fallback;
	}

	/**
	 * Encodes a path component as Cloudinary's Java SDK does ({@code SmartUrlEncoder}):
	 * form encoding, with {@code /} and {@code :} kept and spaces as {@code %20}.
	 * @param component the component
	 * @return the encoded component
	 */
	static String encode(String component) {
		return URLEncoder.encode(component, StandardCharsets.UTF_8)
			.replace("%2F", "/")
			.replace("%3A", ":")
			.replace("+", "%20");
	}

	private static String form(Map<String, String> form) {
		return form.entrySet()
			.stream()
			.map((entry) -> URLEncoder.encode(entry.getKey(), StandardCharsets.UTF_8) + "="
					+ URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
	}

	@FunctionalInterface
	private interface RequestFactory {

		HttpRequest create();

	}

}
