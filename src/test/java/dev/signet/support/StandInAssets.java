package dev.signet.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import com.cloudinary.SignatureAlgorithm;
import com.cloudinary.Util;
import tools.jackson.databind.json.JsonMapper;

/**
 * The stand-in's asset store and notification sender: what Cloudinary keeps of an upload,
 * the upload response, the Admin API resource and the signed upload notification, in
 * Cloudinary's shapes. The same {@code public_id} (resource type and type) overwrites the
 * asset with a new version, like Cloudinary's default {@code overwrite=true}.
 *
 * @author Signet developers
 */
public final class StandInAssets implements AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final HexFormat HEX = HexFormat.of();

	private final String cloudName;

	private final String apiKey;

	private final String secret;

	private final SignatureAlgorithm algorithm;

	private final Clock clock;

	private final Map<String, StoredAsset> assets = new LinkedHashMap<>();

	private final List<NotificationSent> sent = new CopyOnWriteArrayList<>();

	private final List<Runnable> held = new ArrayList<>();

	private final ScheduledExecutorService sender = Executors.newSingleThreadScheduledExecutor((task) -> {
		Thread thread = new Thread(task, "stand-in-notifications");
		thread.setDaemon(true);
		return thread;
	});

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private volatile Function<Map<String, Object>, Double> duration = (params) -> null;

	private volatile Duration delay = Duration.ofMillis(50);

	private volatile boolean duplicate;

	private boolean hold;

	StandInAssets(String cloudName, String apiKey, String secret, SignatureAlgorithm algorithm, Clock clock) {
		this.cloudName = cloudName;
		this.apiKey = apiKey;
		this.secret = secret;
		this.algorithm = algorithm;
		this.clock = clock;
	}

	/**
	 * The assets stored, the latest version of each, in first-upload order.
	 * @return the assets
	 */
	public synchronized List<StoredAsset> assets() {
		return List.copyOf(this.assets.values());
	}

	/**
	 * Every notification delivery so far.
	 * @return the deliveries
	 */
	public List<NotificationSent> notificationsSent() {
		return List.copyOf(this.sent);
	}

	synchronized StoredAsset find(String resourceType, String type, String publicId) {
		return this.assets.get(key(resourceType, type, publicId));
	}

	synchronized StoredAsset remove(String resourceType, String type, String publicId) {
		return this.assets.remove(key(resourceType, type, publicId));
	}

	void durationFor(Function<Map<String, Object>, Double> duration) {
		this.duration = (duration != null) ? duration : (params) -> null;
	}

	void notificationDelay(Duration delay) {
		this.delay = delay;
	}

	void duplicateNotifications(boolean duplicate) {
		this.duplicate = duplicate;
	}

	synchronized void holdNotifications() {
		this.hold = true;
	}

	void releaseNotifications() {
		List<Runnable> release;
		synchronized (this) {
			this.hold = false;
			release = List.copyOf(this.held);
			this.held.clear();
		}
		release.forEach((send) -> this.sender.schedule(send, this.delay.toMillis(), TimeUnit.MILLISECONDS));
	}

	Stored store(Map<String, Object> signed, Object file, String pathType, String fileName) {
		byte[] bytes = (file instanceof byte[] b) ? b : new byte[0];
		FileFacts facts = FileFacts.of(bytes, (file instanceof String remote) ? remote : fileName);
		Double seconds = this.duration.apply(signed);
		String resourceType = pathType;
		if ("auto".equals(pathType)) {
			resourceType = facts.image() ? "image" : (seconds != null) ? "video" : "raw";
		}
		String type = (signed.get("type") != null) ? signed.get("type").toString() : "upload";
		String publicId = publicId(signed);
		String format = facts.format();
		if ("raw".equals(resourceType) && format != null && !publicId.contains(".")) {
			publicId = publicId + "." + format;
		}
		Map<String, String> context = context((String) signed.get("context"));
		Instant now = this.clock.instant();
		synchronized (this) {
			StoredAsset before = this.assets.get(key(resourceType, type, publicId));
			long version = Math.max(now.getEpochSecond(), (before != null) ? before.version() + 1 : 0);
			String path = resourceType + "/" + type + "/v" + version + "/" + publicId
					+ ((format != null && !"raw".equals(resourceType)) ? "." + format : "");
			String secureUrl = "https://res.cloudinary.com/" + this.cloudName + "/" + path;
			StoredAsset asset = new StoredAsset(randomHex(), publicId, resourceType, type, version, bytes.length,
					format, facts.width(), facts.height(), seconds, secureUrl, context, randomHex(),
					HEX.formatHex(digest("MD5", bytes)), now.toString(), originalFilename(fileName));
			this.assets.remove(key(resourceType, type, publicId));
			this.assets.put(key(resourceType, type, publicId), asset);
			return new Stored(asset, uploadResponse(asset));
		}
	}

	/**
	 * The Admin API's resource for an asset.
	 * @param asset the asset
	 * @return the JSON fields
	 */
	Map<String, Object> resource(StoredAsset asset) {
		Map<String, Object> body = common(asset);
		body.remove("version_id");
		body.remove("original_filename");
		return body;
	}

	void notify(String url, Stored stored) {
		Runnable send = () -> send(url, stored.asset());
		synchronized (this) {
			if (this.hold) {
				this.held.add(send);
				if (this.duplicate) {
					this.held.add(send);
				}
				return;
			}
		}
		this.sender.schedule(send, this.delay.toMillis(), TimeUnit.MILLISECONDS);
		if (this.duplicate) {
			this.sender.schedule(send, this.delay.toMillis(), TimeUnit.MILLISECONDS);
		}
	}

	private void send(String url, StoredAsset asset) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("notification_type", "upload");
		String timestamp = Long.toString(this.clock.instant().getEpochSecond());
		body.put("timestamp", Instant.ofEpochSecond(Long.parseLong(timestamp)).toString());
		body.put("request_id", randomHex());
		body.putAll(common(asset));
		body.put("api_key", this.apiKey);
		String json = JSON.writeValueAsString(body);
		String signature = HEX
			.formatHex(digest(javaAlgorithm(), (json + timestamp + this.secret).getBytes(StandardCharsets.UTF_8)));
		int status;
		try {
			HttpResponse<Void> response = this.client.send(HttpRequest.newBuilder(URI.create(url))
				.timeout(Duration.ofSeconds(10))
				.header("Content-Type", "application/json")
				.header("X-Cld-Timestamp", timestamp)
				.header("X-Cld-Signature", signature)
				.header("User-Agent", "Cloudinary")
				.POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
				.build(), HttpResponse.BodyHandlers.discarding());
			status = response.statusCode();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			status = -1;
		}
		catch (Exception ex) {
			status = -1;
		}
		this.sent.add(new NotificationSent(url, status, json, timestamp, signature));
	}

	private Map<String, Object> uploadResponse(StoredAsset asset) {
		Map<String, Object> body = common(asset);
		body.put("signature",
				Util.produceSignature(
						new java.util.TreeMap<>(
								Map.of("public_id", asset.publicId(), "version", Long.toString(asset.version()))),
						this.secret, this.algorithm, 1));
		body.put("placeholder", false);
		body.put("api_key", this.apiKey);
		return body;
	}

	private Map<String, Object> common(StoredAsset asset) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("asset_id", asset.assetId());
		body.put("public_id", asset.publicId());
		body.put("version", asset.version());
		body.put("version_id", asset.versionId());
		if (asset.width() != null) {
			body.put("width", asset.width());
			body.put("height", asset.height());
		}
		if (asset.format() != null && !"raw".equals(asset.resourceType())) {
			body.put("format", asset.format());
		}
		body.put("resource_type", asset.resourceType());
		body.put("created_at", asset.createdAt());
		body.put("tags", List.of());
		body.put("bytes", asset.bytes());
		body.put("type", asset.type());
		body.put("etag", asset.etag());
		body.put("url", asset.secureUrl().replaceFirst("^https:", "http:"));
		body.put("secure_url", asset.secureUrl());
		if (asset.duration() != null) {
			body.put("duration", asset.duration());
		}
		if (!asset.context().isEmpty()) {
			body.put("context", Map.of("custom", asset.context()));
		}
		if (asset.originalFilename() != null) {
			body.put("original_filename", asset.originalFilename());
		}
		return body;
	}

	private static String publicId(Map<String, Object> signed) {
		Object publicId = signed.get("public_id");
		Object folder = signed.get("folder");
		String prefix = (folder != null && !folder.toString().isEmpty()) ? folder.toString().replaceAll("/+$", "") + "/"
				: "";
		if (publicId != null && !publicId.toString().isEmpty()) {
			// The stand-in keeps a signed public_id as it is (its tests rely on it), like
			// Cloudinary's dynamic folder mode where folder sets only asset_folder.
			return publicId.toString();
		}
		return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
	}

	/**
	 * Parses Cloudinary's context parameter {@code k=v|k2=v2}, where {@code \|} and
	 * {@code \=} stand for literal bars and equals signs.
	 * @param context the parameter, or {@code null}
	 * @return the entries in order
	 */
	static Map<String, String> context(String context) {
		Map<String, String> entries = new LinkedHashMap<>();
		if (context == null || context.isEmpty()) {
			return entries;
		}
		StringBuilder key = new StringBuilder();
		StringBuilder value = null;
		for (int i = 0; i < context.length(); i++) {
			char c = context.charAt(i);
			StringBuilder target = (value != null) ? value : key;
			if (c == '\\' && i + 1 < context.length()) {
				target.append(context.charAt(++i));
			}
			else if (c == '|') {
				put(entries, key, value);
				key = new StringBuilder();
				value = null;
			}
			else if (c == '=' && value == null) {
				value = new StringBuilder();
			}
			else {
				target.append(c);
			}
		}
		put(entries, key, value);
		return entries;
	}

	private static void put(Map<String, String> entries, StringBuilder key, StringBuilder value) {
		if (!key.isEmpty()) {
			entries.put(key.toString(), (value != null) ? value.toString() : "");
		}
	}

	private static String originalFilename(String fileName) {
		if (fileName == null || fileName.isEmpty()) {
			return null;
		}
		int dot = fileName.lastIndexOf('.');
		return (dot > 0) ? fileName.substring(0, dot) : fileName;
	}

	private String javaAlgorithm() {
		return (this.algorithm == SignatureAlgorithm.SHA1) ? "SHA-1" : "SHA-256";
	}

	private static byte[] digest(String algorithm, byte[] bytes) {
		try {
			return MessageDigest.getInstance(algorithm).digest(bytes);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String randomHex() {
		return UUID.randomUUID().toString().replace("-", "");
	}

	private static String key(String resourceType, String type, String publicId) {
		return resourceType + "/" + type + "/" + publicId;
	}

	@Override
	public void close() {
		this.sender.shutdownNow();
	}

	/**
	 * An asset as the stand-in keeps it.
	 *
	 * @param assetId 32 hex characters, new per version
	 * @param publicId the public ID, folder applied
	 * @param resourceType image, video or raw
	 * @param type the delivery type, {@code upload}
	 * @param version the version (seconds, increasing on overwrite)
	 * @param bytes the size
	 * @param format the format, or {@code null} when unknown
	 * @param width the width, or {@code null}
	 * @param height the height, or {@code null}
	 * @param duration the duration in seconds, or {@code null}
	 * @param secureUrl the HTTPS delivery URL
	 * @param context the custom context entries
	 * @param versionId 32 hex characters
	 * @param etag the MD5 hex of the bytes
	 * @param createdAt when it was stored, ISO-8601
	 * @param originalFilename the uploaded file's name without extension, or {@code null}
	 */
	public record StoredAsset(String assetId, String publicId, String resourceType, String type, long version,
			long bytes, String format, Integer width, Integer height, Double duration, String secureUrl,
			Map<String, String> context, String versionId, String etag, String createdAt, String originalFilename) {
	}

	/**
	 * One notification delivery.
	 *
	 * @param url where it was posted
	 * @param status the receiver's status, {@code -1} when it could not be reached
	 * @param body the JSON body as sent
	 * @param timestamp the {@code X-Cld-Timestamp} sent
	 * @param signature the {@code X-Cld-Signature} sent
	 */
	public record NotificationSent(String url, int status, String body, String timestamp, String signature) {
	}

	record Stored(StoredAsset asset, Map<String, Object> response) {
	}

}
