package dev.signet.support;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.cloudinary.SignatureAlgorithm;
import com.cloudinary.Util;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.json.JsonMapper;

/**
 * A local stand-in for Cloudinary's upload API. It re-checks signatures the way
 * Cloudinary documents: every posted field but {@code file}, {@code cloud_name},
 * {@code resource_type}, {@code api_key} and {@code signature} is signed (repeated
 * {@code tags[]} fields form a list), with the official Java SDK as an independent
 * implementation, and the timestamp must be under an hour old. It answers with
 * Cloudinary's error texts. Like Cloudinary's upload API it answers CORS preflights and
 * lets any origin read its answers, so that a browser page can upload straight to it, but
 * it does not allow an {@code Authorization} header. Every attempt is recorded with its
 * verdict, the sender's {@code Origin} and {@code User-Agent}, and the file it carried.
 * <p>
 * It speaks Cloudinary's chunked protocol: a POST with {@code X-Unique-Upload-Id} and
 * {@code Content-Range: bytes start-end/total} is one part of a big upload (the Node SDK
 * sends total {@code -1} on parts but the last). Each part is checked on its own like a
 * single upload (API key, signature over its own fields, its own timestamp against the
 * clock), and every part must sign the first part's fields but {@code timestamp}. Parts
 * but the last carry at least {@link #MIN_PART} bytes, every part at most
 * {@link #MAX_PART}; parts never overlap, and the last (ending at total - 1) is taken
 * only once every earlier byte arrived. Parts but the last answer {@code {"done": false,
 * "bytes": received}} (the stand-in's own shape); the last answers the upload like a
 * single upload and the whole file counts once in {@link #accepted()}. Refusals of the
 * protocol itself are the stand-in's own texts (Cloudinary's are not documented).
 *
 * @author Signet developers
 */
public final class CloudinaryStandIn implements AutoCloseable {

	private static final Set<String> EXCLUDED = Set.of("file", "cloud_name", "resource_type", "api_key", "signature");

	private static final Pattern PATH = Pattern.compile("/v1_1/([^/]+)/(image|video|raw|auto)/upload");

	private static final Pattern ADMIN = Pattern.compile("/v1_1/([^/]+)/resources/(image|video|raw)/([a-z_]+)/(.+)");

	private static final Pattern DESTROY = Pattern.compile("/v1_1/([^/]+)/(image|video|raw)/destroy");

	private static final Pattern FILE_NAME = Pattern
		.compile("Content-Disposition: form-data; name=\"file\"; filename=\"([^\"]*)\"");

	private static final Pattern RANGE = Pattern.compile("bytes (\\d{1,12})-(\\d{1,12})/(\\d{1,12}|-1)");

	/** The least a part but the last may carry: 5 MiB. */
	public static final int MIN_PART = 5 * 1024 * 1024;

	/** The most a part may carry: 100 MB. */
	public static final int MAX_PART = 100_000_000;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** The request headers a page may send; like Cloudinary's, no Authorization. */
	private static final String ALLOWED_HEADERS = "Content-Type, Content-Range, Content-Disposition, X-Requested-With, X-Unique-Upload-Id";

	private final HttpServer server;

	private final String cloudName;

	private final String apiKey;

	private final String secret;

	private final SignatureAlgorithm algorithm;

	private final Clock clock;

	private final List<Map<String, Object>> accepted = new CopyOnWriteArrayList<>();

	private final List<Attempt> attempts = new CopyOnWriteArrayList<>();

	private final Map<String, Chunked> chunked = new ConcurrentHashMap<>();

	private final ExecutorService executor = Executors.newFixedThreadPool(8);

	private final ThreadLocal<String> lastFileName = new ThreadLocal<>();

	private final StandInAssets assets;

	private final StandInAdmin admin;

	private volatile Consumer<Attempt> afterPart = (attempt) -> {
	};

	public CloudinaryStandIn(String cloudName, String apiKey, String secret, SignatureAlgorithm algorithm,
			Clock clock) {
		this.cloudName = cloudName;
		this.apiKey = apiKey;
		this.secret = secret;
		this.algorithm = algorithm;
		this.clock = clock;
		try {
			this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		this.assets = new StandInAssets(cloudName, apiKey, secret, algorithm, clock);
		this.admin = new StandInAdmin(this.assets, cloudName, apiKey, secret, algorithm, clock);
		this.server.createContext("/", this::handle);
		this.server.setExecutor(this.executor);
		this.server.start();
	}

	public int port() {
		return this.server.getAddress().getPort();
	}

	public String uploadPrefix() {
		return "http://127.0.0.1:" + port();
	}

	/**
	 * The parameter sets of the uploads accepted so far.
	 * @return the uploads
	 */
	public List<Map<String, Object>> accepted() {
		return this.accepted;
	}

	/**
	 * Every upload attempt so far, accepted or not, in order.
	 * @return the attempts
	 */
	public List<Attempt> attempts() {
		return this.attempts;
	}

	/**
	 * Runs the given action after every accepted part of a chunked upload, before the
	 * part is answered: a test moves its clock there to make the next part outlive the
	 * signature of the one before.
	 * @param action what to do with the accepted part's attempt
	 */
	public void afterEveryAcceptedPart(Consumer<Attempt> action) {
		this.afterPart = action;
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			Matcher admin = ADMIN.matcher(exchange.getRequestURI().getRawPath());
			if ("GET".equals(exchange.getRequestMethod()) && admin.matches()) {
				this.admin.lookup(exchange, admin);
				return;
			}
			Matcher destroy = DESTROY.matcher(exchange.getRequestURI().getPath());
			if ("POST".equals(exchange.getRequestMethod()) && destroy.matches()) {
				this.admin.destroy(exchange, destroy);
				return;
			}
			Matcher matcher = PATH.matcher(exchange.getRequestURI().getPath());
			exchange.getResponseHeaders().set("Access-Control-Allow-Origin", "*");
			if ("OPTIONS".equals(exchange.getRequestMethod()) && matcher.matches()) {
				exchange.getResponseHeaders().set("Access-Control-Allow-Methods", "POST");
				exchange.getResponseHeaders().set("Access-Control-Allow-Headers", ALLOWED_HEADERS);
				exchange.getResponseHeaders().set("Access-Control-Max-Age", "600");
				exchange.sendResponseHeaders(204, -1);
				return;
			}
			if (!"POST".equals(exchange.getRequestMethod()) || !matcher.matches()) {
				respond(exchange, 404, error("Not found"));
				return;
			}
			if (!matcher.group(1).equals(this.cloudName)) {
				respond(exchange, 401, error("Invalid cloud_name " + matcher.group(1)));
				return;
			}
			String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
			byte[] raw = exchange.getRequestBody().readAllBytes();
			Map<String, Object> fields = Multipart.parse(raw, contentType);
			Matcher fileName = FILE_NAME
				.matcher(new String(raw, 0, Math.min(raw.length, 64 * 1024), StandardCharsets.ISO_8859_1));
			this.lastFileName.set(fileName.find() ? fileName.group(1) : null);
			respond(exchange, fields);
		}
	}

	private void respond(HttpExchange exchange, Map<String, Object> fields) throws IOException {
		Map<String, Object> signed = new LinkedHashMap<>(fields);
		EXCLUDED.forEach(signed::remove);
		Object file = fields.get("file");
		String uploadId = exchange.getRequestHeaders().getFirst("X-Unique-Upload-Id");
		String range = exchange.getRequestHeaders().getFirst("Content-Range");
		Part part = part(uploadId, range);
		Attempt.Builder attempt = new Attempt.Builder(signed, (file instanceof byte[] bytes) ? bytes : null,
				exchange.getRequestHeaders().getFirst("Origin"), exchange.getRequestHeaders().getFirst("User-Agent"),
				part);
		if (!this.apiKey.equals(fields.get("api_key"))) {
			reject(exchange, attempt, 401, "Invalid api_key " + fields.get("api_key"));
			return;
		}
		if (file == null) {
			reject(exchange, attempt, 400, "Missing required parameter - file");
			return;
		}
		String timestamp = (String) signed.get("timestamp");
		if (timestamp == null) {
			reject(exchange, attempt, 400, "Missing required parameter - timestamp");
			return;
		}
		long now = this.clock.instant().getEpochSecond();
		if (Long.parseLong(timestamp) < now - 3600) {
			reject(exchange, attempt, 400,
					"Stale request - reported time is " + timestamp + " which is more than 1 hour ago");
			return;
		}
		String expected = Util.produceSignature(signed, this.secret, this.algorithm, 2);
		if (!expected.equals(fields.get("signature"))) {
			String stringToSign = stringToSign(signed);
			reject(exchange, attempt, 401,
					"Invalid Signature " + fields.get("signature") + ". String to sign - '" + stringToSign + "'.");
			return;
		}
		if (uploadId != null || range != null) {
			part(exchange, attempt, signed, part, file);
			return;
		}
		accept(exchange, attempt, signed, file, null);
	}

	private static Part part(String uploadId, String range) {
		Matcher matcher = (range != null) ? RANGE.matcher(range) : null;
		if (uploadId == null || uploadId.isBlank() || matcher == null || !matcher.matches()) {
			return null;
		}
		return new Part(uploadId, Long.parseLong(matcher.group(1)), Long.parseLong(matcher.group(2)),
				Long.parseLong(matcher.group(3)));
	}

	private void part(HttpExchange exchange, Attempt.Builder attempt, Map<String, Object> signed, Part part,
			Object file) throws IOException {
		if (part == null) {
			reject(exchange, attempt, 400,
					"A chunked upload needs X-Unique-Upload-Id and Content-Range: bytes start-end/total");
			return;
		}
		long start = part.start();
		long end = part.end();
		long total = part.total();
		String range = "bytes " + start + "-" + end + "/" + total;
		if (!(file instanceof byte[] bytes) || end < start || bytes.length != end - start + 1) {
			reject(exchange, attempt, 400, "Content-Range " + range + " does not match the part's "
					+ ((file instanceof byte[] bytes) ? bytes.length + " bytes" : "file"));
			return;
		}
		if (bytes.length > MAX_PART) {
			reject(exchange, attempt, 400, "A part may carry at most " + MAX_PART + " bytes, not " + bytes.length);
			return;
		}
		Chunked upload = this.chunked.computeIfAbsent(part.uploadId(), (id) -> new Chunked(withoutTimestamp(signed)));
		byte[] whole;
		long received;
		synchronized (upload) {
			String refusal = upload.refusal(withoutTimestamp(signed), part);
			if (refusal != null) {
				reject(exchange, attempt, 400, refusal);
				return;
			}
			upload.parts.put(start, bytes);
			received = upload.received();
			whole = (total >= 0 && end == total - 1) ? upload.assemble(total) : null;
		}
		if (whole == null) {
			Attempt done = attempt.verdict(200, "part accepted: bytes " + start + "-" + end);
			this.afterPart.accept(done);
			this.attempts.add(done);
			Map<String, Object> body = new LinkedHashMap<>();
			body.put("done", false);
			body.put("bytes", received);
			respond(exchange, 200, JSON.writeValueAsString(body));
			return;
		}
		accept(exchange, attempt.file(whole), signed, whole, this.afterPart);
	}

	private static Map<String, Object> withoutTimestamp(Map<String, Object> signed) {
		Map<String, Object> fields = new TreeMap<>(signed);
		fields.remove("timestamp");
		return fields;
	}

	private void accept(HttpExchange exchange, Attempt.Builder attempt, Map<String, Object> signed, Object file,
			Consumer<Attempt> after) throws IOException {
		this.accepted.add(signed);
		String resourceType = PATH.matcher(exchange.getRequestURI().getPath()).replaceAll("$2");
		StandInAssets.Stored stored = this.assets.store(signed, file, resourceType, this.lastFileName.get());
		Attempt done = attempt.verdict(200, "accepted: public_id=" + stored.asset().publicId());
		if (after != null) {
			after.accept(done);
		}
		this.attempts.add(done);
		respond(exchange, 200, JSON.writeValueAsString(stored.response()));
		Object notificationUrl = signed.get("notification_url");
		if (notificationUrl != null) {
			this.assets.notify(notificationUrl.toString(), stored);
		}
	}

	private void reject(HttpExchange exchange, Attempt.Builder attempt, int status, String message) throws IOException {
		this.attempts.add(attempt.verdict(status, message));
		respond(exchange, status, error(message));
	}

	private static String stringToSign(Map<String, Object> signed) {
		List<String> pairs = new ArrayList<>();
		signed.entrySet()
			.stream()
			.sorted(Map.Entry.comparingByKey())
			.forEach((e) -> pairs.add(e.getKey() + "=" + ((e.getValue() instanceof List<?> list)
					? String.join(",", list.stream().map(String::valueOf).toList()) : e.getValue())));
		return String.join("&", pairs);
	}

	private static String error(String message) {
		return JSON.writeValueAsString(Map.of("error", Map.of("message", message)));
	}

	private static void respond(HttpExchange exchange, int status, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	/**
	 * The assets stored so far (the latest version of each), in upload order.
	 * @return the assets
	 */
	public List<StandInAssets.StoredAsset> assets() {
		return this.assets.assets();
	}

	/**
	 * Gives the next uploads a {@code duration} (seconds), as Cloudinary reports for
	 * video and audio; {@code null} for none.
	 * @param duration which duration an upload gets from its signed parameters, or
	 * {@code null}
	 */
	public void durationFor(Function<Map<String, Object>, Double> duration) {
		this.assets.durationFor(duration);
	}

	/**
	 * Gives every next upload the same {@code duration}.
	 * @param seconds the duration in seconds
	 */
	public void nextDuration(double seconds) {
		this.assets.durationFor((params) -> seconds);
	}

	/**
	 * How long after answering an upload the notification is sent (default 50 ms).
	 * @param delay the delay
	 */
	public void notificationDelay(Duration delay) {
		this.assets.notificationDelay(delay);
	}

	/**
	 * Sends every notification twice, like Cloudinary's retries can.
	 * @param duplicate whether to send each twice
	 */
	public void duplicateNotifications(boolean duplicate) {
		this.assets.duplicateNotifications(duplicate);
	}

	/** Keeps notifications back until {@link #releaseNotifications()}. */
	public void holdNotifications() {
		this.assets.holdNotifications();
	}

	/** Sends the notifications held back, and sends the next ones as they come. */
	public void releaseNotifications() {
		this.assets.releaseNotifications();
	}

	/**
	 * Every notification delivery so far (duplicates included).
	 * @return the deliveries
	 */
	public List<StandInAssets.NotificationSent> notificationsSent() {
		return this.assets.notificationsSent();
	}

	/**
	 * Makes the Admin API answer the next lookups with an error.
	 * @param status the status to answer
	 * @param times how many lookups
	 */
	public void failAdminApi(int status, int times) {
		this.admin.failAdminApi(status, times);
	}

	/**
	 * Makes every Admin API lookup wait before answering.
	 * @param delay how long
	 */
	public void delayAdminApi(Duration delay) {
		this.admin.delayAdminApi(delay);
	}

	/**
	 * How many Admin API lookups arrived, answered or not.
	 * @return the count
	 */
	public int adminLookups() {
		return this.admin.adminLookups();
	}

	/**
	 * Makes the next destroy calls fail with an error.
	 * @param status the status to answer
	 * @param times how many calls
	 */
	public void failDestroy(int status, int times) {
		this.admin.failDestroy(status, times);
	}

	/**
	 * Every destroy call so far, in order, faulted ones included.
	 * @return the calls
	 */
	public List<StandInAdmin.Destroy> destroys() {
		return this.admin.destroys();
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
		this.assets.close();
	}

	/**
	 * One upload attempt and the stand-in's verdict.
	 *
	 * @param status the HTTP status answered (200 when accepted)
	 * @param verdict {@code accepted: public_id=...} or Cloudinary's error message
	 * @param params the posted parameters but file, api_key and signature
	 * @param file the uploaded file's bytes, or {@code null} without a file part
	 * @param origin the Origin header (browsers only)
	 * @param userAgent the User-Agent header
	 * @param part which part of a chunked upload it was, or {@code null} for a single
	 * upload
	 */
	public record Attempt(int status, String verdict, Map<String, Object> params, byte[] file, String origin,
			String userAgent, Part part) {

		public boolean accepted() {
			return this.status == 200;
		}

		@Override
		public String toString() {
			return this.status + " " + this.verdict + ((this.part != null) ? " [" + this.part + "]" : "") + " ("
					+ this.userAgent + ((this.origin != null) ? ", Origin " + this.origin : "") + "; sent "
					+ new TreeMap<>(this.params) + ")";
		}

		record Builder(Map<String, Object> params, byte[] file, String origin, String userAgent, Part part) {

			Builder file(byte[] file) {
				return new Builder(this.params, file, this.origin, this.userAgent, this.part);
			}

			Attempt verdict(int status, String verdict) {
				return new Attempt(status, verdict, Map.copyOf(this.params), this.file, this.origin, this.userAgent,
						this.part);
			}

		}

	}

	/**
	 * One part of a chunked upload, as its headers named it.
	 *
	 * @param uploadId the {@code X-Unique-Upload-Id}
	 * @param start the first byte's offset
	 * @param end the last byte's offset
	 * @param total the file's size, or {@code -1} when the part did not say
	 */
	public record Part(String uploadId, long start, long end, long total) {

		@Override
		public String toString() {
			return this.uploadId + " bytes " + this.start + "-" + this.end + "/" + this.total;
		}

	}

	/** What arrived of one chunked upload so far. */
	private static final class Chunked {

		private final Map<String, Object> fields;

		private final TreeMap<Long, byte[]> parts = new TreeMap<>();

		private long total = -1;

		private boolean done;

		Chunked(Map<String, Object> fields) {
			this.fields = fields;
		}

		String refusal(Map<String, Object> fields, Part part) {
			if (this.done) {
				return "Upload " + part.uploadId() + " is already complete";
			}
			if (!this.fields.equals(fields)) {
				Set<String> differ = new TreeSet<>(this.fields.keySet());
				differ.addAll(fields.keySet());
				differ.removeIf((name) -> Objects.equals(this.fields.get(name), fields.get(name)));
				return "The parameters of this part differ from the first part's: " + String.join(", ", differ);
			}
			if (part.total() >= 0) {
				if (this.total >= 0 && this.total != part.total()) {
					return "Content-Range total " + part.total() + " differs from the earlier parts' " + this.total;
				}
				if (part.end() >= part.total()) {
					return "Content-Range end " + part.end() + " is beyond the total " + part.total();
				}
			}
			long total = (part.total() >= 0) ? part.total() : this.total;
			boolean last = total >= 0 && part.end() == total - 1;
			if (!last && part.end() - part.start() + 1 < MIN_PART) {
				return "Every part but the last must carry at least " + MIN_PART + " bytes, not "
						+ (part.end() - part.start() + 1);
			}
			Map.Entry<Long, byte[]> before = this.parts.floorEntry(part.start());
			Map.Entry<Long, byte[]> after = this.parts.ceilingEntry(part.start());
			if ((before != null && before.getKey() + before.getValue().length > part.start())
					|| (after != null && after.getKey() <= part.end())) {
				return "Bytes " + part.start() + "-" + part.end() + " overlap a part already received";
			}
			if (last && received() != part.start()) {
				return "The last part arrived before the earlier parts: " + received() + " of " + part.start()
						+ " earlier bytes received";
			}
			if (part.total() >= 0) {
				this.total = part.total();
			}
			return null;
		}

		long received() {
			return this.parts.values().stream().mapToLong((bytes) -> bytes.length).sum();
		}

		byte[] assemble(long total) {
			this.done = true;
			byte[] whole = new byte[Math.toIntExact(total)];
			this.parts
				.forEach((start, bytes) -> System.arraycopy(bytes, 0, whole, Math.toIntExact(start), bytes.length));
			this.parts.clear();
			return whole;
		}

	}

}
