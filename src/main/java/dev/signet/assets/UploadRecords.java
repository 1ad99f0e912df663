package dev.signet.assets;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.signet.access.AuditTrail;
import dev.signet.access.Caller;
import dev.signet.cloudinary.ApiResponseSignature;
import dev.signet.cloudinary.CloudinaryAccount;
import dev.signet.cloudinary.CloudinaryAccounts;
import dev.signet.codec.Sha256;
import dev.signet.refusal.Reason;
import dev.signet.refusal.Refusal;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The records of the uploads Signet signed: created when a feature signs an upload,
 * completed by a notification ({@link Arrivals}) or by the client's pull, judged against
 * the profile's {@link AssetRules}, shown to the caller that owns them.
 * <p>
 * <b>What ties an arrival to its record.</b> Cloudinary's upload notification (and the
 * upload response) is a JSON object carrying {@code notification_type} ({@code upload}),
 * {@code asset_id}, {@code public_id}, {@code version}, {@code resource_type},
 * {@code type}, {@code bytes}, {@code format}, {@code width}, {@code height},
 * {@code duration} (video and audio), {@code secure_url}, and the context it was uploaded
 * with as {@code "context":{"custom":{...}}}. Signet ties it by the signed context entry
 * {@code context.custom.signet_upload_id} first and, when there is none, by the account
 * and {@code public_id} of a record tied by a unique signed public id. A form-encoded
 * notification is read the same way ({@code context[custom][...]} or a flat
 * {@code context=key=value|...}). Anything else (another {@code notification_type}, or
 * nothing that ties) is not an upload Signet signed.
 * <p>
 * <b>Judging.</b> What arrived is checked against the rules the profile had when it
 * signed: an asset that breaks one is rejected and removed ({@link Removals}); one that
 * keeps them is complete and its bytes count towards the caller's
 * {@code max-bytes-per-day} (the upload crossing the quota is kept; only later signatures
 * are refused). Each record is judged once, however often its arrival is reported.
 *
 * @author Signet developers
 */
public class UploadRecords implements Arrivals {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final long POLL_MILLIS = 500;

	// Callers whose owner hash and name are remembered.
	private static final int NAMES = 10_000;

	private static final String SOURCE_NOTIFICATION = "notification";

	private static final String SOURCE_PULL = "pull";

	private static final java.util.Set<String> RESOURCE_TYPES = java.util.Set.of("image", "video", "raw");

	private static final java.util.Set<String> DELIVERY_TYPES = java.util.Set.of("upload", "private", "authenticated");

	// How far Cloudinary's clock may be from Signet's when comparing an upload's version.
	private static final long VERSION_SKEW_SECONDS = 300;

	private final SecureRandom random = new SecureRandom();

	private final Cache<String, Names> names = Caffeine.newBuilder().maximumSize(NAMES).build();

	private final UploadRecordStore store;

	private final ByteQuota quota;

	private final Removals removals;

	private final CloudinaryAdmin admin;

	private final CloudinaryAccounts accounts;

	private final AuditTrail audit;

	private final Clock clock;

	private final AssetsProperties properties;

	private final Map<String, List<Waiter>> waiters = new ConcurrentHashMap<>();

	private final AtomicInteger waiting = new AtomicInteger();

	/** How many waits one caller may hold at once; more are answered at once. */
	static final int MAX_WAITERS_PER_CALLER = 20;

	private final Map<String, Integer> waitingByOwner = new java.util.concurrent.ConcurrentHashMap<>();

	private final ScheduledExecutorService timer;

	/**
	 * The records.
	 * @param store where records live
	 * @param quota the byte quota
	 * @param removals removes rejected assets
	 * @param admin asks Cloudinary what arrived
	 * @param accounts the accounts (their key rings check upload responses)
	 * @param audit the audit trail (also counts judgements)
	 * @param meters the meter registry (waiters gauge)
	 * @param clock the clock
	 * @param properties {@code signet.assets.*}
	 */
	public UploadRecords(UploadRecordStore store, ByteQuota quota, Removals removals, CloudinaryAdmin admin,
			CloudinaryAccounts accounts, AuditTrail audit, MeterRegistry meters, Clock clock,
			AssetsProperties properties) {
		this.store = store;
		this.quota = quota;
		this.removals = removals;
		this.admin = admin;
		this.accounts = accounts;
		this.audit = audit;
		this.clock = clock;
		this.properties = properties;
		this.timer = Executors.newSingleThreadScheduledExecutor((runnable) -> {
			Thread thread = new Thread(runnable, "signet-upload-waits");
			thread.setDaemon(true);
			return thread;
		});
		meters.gauge("signet.uploads.waiting", this.waiting);
	}

	/**
	 * A new upload id: 32 lowercase hex characters from a secure random source.
	 * @return the id
	 */
	public String newId() {
		byte[] bytes = new byte[16];
		this.random.nextBytes(bytes);
		return HexFormat.of().formatHex(bytes);
	}

	/**
	 * Creates the record of an upload being signed.
	 * @param id the upload id ({@link #newId()}, or the session's id)
	 * @param caller who signs
	 * @param profile the profile
	 * @param account the account
	 * @param resourceType the upload URL's resource type
	 * @param publicId the signed public id (folder included as Cloudinary will answer
	 * it), or {@code null}
	 * @param tie {@link UploadRecord#TIE_CONTEXT}, {@link UploadRecord#TIE_PUBLIC_ID} or
	 * {@link UploadRecord#TIE_NONE}
	 * @param declaredBytes the declared size, or {@code null}
	 * @param declaredType the declared filename or media type, or {@code null}
	 * @param rules the profile's rules now
	 * @param expiresAt when the signature (or session) expires, UNIX seconds
	 * @return the record
	 * @throws UploadRecordStore.Unavailable when it cannot be stored
	 */
	public UploadRecord issue(String id, Caller caller, String profile, String account, String resourceType,
			@Nullable String publicId, String tie, @Nullable Long declaredBytes, @Nullable String declaredType,
			AssetRules rules, long expiresAt) {
		Names names = names(caller);
		UploadRecord record = new UploadRecord(id, names.owner(), names.caller(), profile, account, resourceType,
				publicId, tie, declaredBytes, declaredType, rules, now(), expiresAt, UploadRecord.ISSUED, null, null,
				false);
		this.store.create(record);
		return record;
	}

	/**
	 * Refuses a new signature when the caller used up its {@code max-bytes-per-day} of
	 * the profile today.
	 * @param caller who signs
	 * @param profile the profile
	 * @param rules its rules
	 * @throws dev.signet.refusal.Refusal 429 with limit {@code max-bytes-per-day}
	 */
	public void checkQuota(Caller caller, String profile, AssetRules rules) {
		Long max = rules.maxBytesPerDay();
		if (max == null) {
			return;
		}
		Instant now = this.clock.instant();
		LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
		long used = this.quota.used(owner(caller), profile, today.toEpochDay());
		if (used < max) {
			return;
		}
		long midnight = today.plusDays(1).atStartOfDay(ZoneOffset.UTC).toEpochSecond();
		long retry = Math.max(1, midnight - now.getEpochSecond());
		Map<String, Object> problem = new LinkedHashMap<>();
		problem.put("limit", "max-bytes-per-day");
		problem.put("retry_after", retry);
		throw new Refusal(Reason.RATE_LIMITED,
				"This caller uploaded " + used + " bytes with profile '" + profile + "' today (UTC); the profile's "
						+ "max-bytes-per-day is " + max + "; retry in " + retry + " s, after midnight UTC.",
				List.of(), problem)
			.retryAfter(retry);
	}

	/**
	 * A record as its owner sees it ({@code expired} when nothing arrived in time).
	 * @param caller who asks
	 * @param id the upload id
	 * @return the record, or {@code null} when unknown or not the caller's (never told
	 * apart)
	 */
	public @Nullable UploadRecord find(Caller caller, String id) {
		UploadRecord record = this.store.find(id);
		if (record == null || !record.owner().equals(owner(caller))) {
			return null;
		}
		return view(record);
	}

	/**
	 * The record already tied to a public id in an account, for signing that public id
	 * again: the caller's own issued record is answered (the same upload signed again),
	 * another caller's makes the signature refused.
	 * @param caller who signs
	 * @param account the account
	 * @param publicId the public id
	 * @return the caller's issued record of that public id, or {@code null} when none is
	 * recorded
	 * @throws dev.signet.refusal.Refusal 400 naming {@code public_id} when another
	 * caller's record, or an upload already judged, holds it
	 * @throws UploadRecordStore.Unavailable when the store cannot answer
	 */
	public @Nullable UploadRecord tiedTo(Caller caller, String account, String publicId) {
		String id = this.store.findByPublicId(account, publicId);
		UploadRecord record = (id != null) ? this.store.find(id) : null;
		if (record == null) {
			return null;
		}
		if (record.owner().equals(owner(caller)) && UploadRecord.ISSUED.equals(record.status())) {
			return record;
		}
		throw new Refusal(Reason.INVALID_PARAMETER,
				"Signet refused this parameter: public_id (it is already signed for another upload). Use a fresh "
						+ "UUID for each upload.",
				List.of(new dev.signet.refusal.ParameterProblem("public_id",
						dev.signet.refusal.ParameterProblem.INVALID_VALUE,
						"already signed for another upload; use a fresh UUID")),
				Map.of());
	}

	/**
	 * Waits until the record's status is no longer {@code issued} (or the wait ends).
	 * Changes made on this replica wake the wait at once; changes made by another replica
	 * are seen by polling the store every 500 ms. The wait is capped at
	 * {@code signet.assets.max-wait}; when {@code signet.assets.max-waiters} requests
	 * wait already, it completes at once with the record as it is.
	 * @param caller who asks
	 * @param id the upload id
	 * @param wait how long at most
	 * @return completes with the record (or {@code null} when unknown or not the
	 * caller's)
	 */
	public CompletableFuture<@Nullable UploadRecord> await(Caller caller, String id, Duration wait) {
		UploadRecord current = find(caller, id);
		if (current == null || !UploadRecord.ISSUED.equals(current.status()) || wait.isNegative() || wait.isZero()) {
			return CompletableFuture.completedFuture(current);
		}
		String owner = current.owner();
		if (this.waiting.incrementAndGet() > this.properties.maxWaiters()) {
			this.waiting.decrementAndGet();
			return CompletableFuture.completedFuture(current);
		}
		if (this.waitingByOwner.merge(owner, 1, Integer::sum) > MAX_WAITERS_PER_CALLER) {
			release(owner);
			this.waiting.decrementAndGet();
			return CompletableFuture.completedFuture(current);
		}
		long millis = Math.min(wait.toMillis(), this.properties.maxWait().toMillis());
		Waiter waiter = new Waiter(caller, id);
		this.waiters.computeIfAbsent(id, (key) -> new CopyOnWriteArrayList<>()).add(waiter);
		waiter.poll = this.timer.scheduleWithFixedDelay(() -> waiter.check(false), POLL_MILLIS, POLL_MILLIS,
				TimeUnit.MILLISECONDS);
		waiter.timeout = this.timer.schedule(() -> waiter.check(true), millis, TimeUnit.MILLISECONDS);
		waiter.future.whenComplete((record, failure) -> {
			waiter.poll.cancel(false);
			waiter.timeout.cancel(false);
			this.waiters.computeIfPresent(id, (key, list) -> {
				list.remove(waiter);
				return list.isEmpty() ? null : list;
			});
			release(owner);
			this.waiting.decrementAndGet();
		});
		return waiter.future;
	}

	private void release(String owner) {
		this.waitingByOwner.computeIfPresent(owner, (key, count) -> (count <= 1) ? null : count - 1);
	}

	/**
	 * Completes a record from the upload response the client got from Cloudinary: checks
	 * its signature and that it is this upload's, then judges what Cloudinary's Admin API
	 * says about the asset.
	 * @param caller who asks (must own the record)
	 * @param id the upload id
	 * @param uploadResponse the response body as the client got it
	 * @return the record after the judgement
	 * @throws dev.signet.refusal.Refusal when unknown, foreign, not signed by Cloudinary,
	 * not this upload's, or when Cloudinary cannot be asked now (503)
	 */
	public UploadRecord complete(Caller caller, String id, byte[] uploadResponse) {
		UploadRecord record = this.store.find(id);
		if (record == null || !record.owner().equals(owner(caller))) {
			throw notFound();
		}
		JsonNode response;
		try {
			response = JSON.readTree(uploadResponse);
		}
		catch (JacksonException ex) {
			throw invalidResponse("The body is not JSON; send the upload response exactly as Cloudinary answered it.");
		}
		String publicId = text(response, "public_id");
		String version = text(response, "version");
		String signature = text(response, "signature");
		if (!response.isObject() || publicId == null || version == null || signature == null) {
			throw invalidResponse("The upload response needs public_id, version and signature as Cloudinary "
					+ "answered them; send the response body unchanged.");
		}
		if (!signedByAccount(record.account(), publicId, version, signature)) {
			throw invalidResponse("The upload response's signature was not made by Cloudinary for this account; "
					+ "send the response body unchanged.");
		}
		// Only public_id and version are covered by the response signature: the body's
		// context, resource_type and type are the client's word. Each is a hint at most;
		// the Admin API's answer must confirm that the asset is this upload's.
		String tiedId = contextUploadId(response);
		boolean tiedByContext = UploadRecord.TIE_CONTEXT.equals(record.tie());
		if (tiedByContext ? (tiedId != null && !id.equals(tiedId)) : !publicId.equals(record.publicId())) {
			throw mismatch(id);
		}
		long uploadedAt;
		try {
			uploadedAt = Long.parseLong(version);
		}
		catch (NumberFormatException ex) {
			throw invalidResponse("The upload response's version is not a number; send the response body unchanged.");
		}
		if (uploadedAt < record.createdAt() - VERSION_SKEW_SECONDS
				|| uploadedAt > record.expiresAt() + VERSION_SKEW_SECONDS) {
			throw new Refusal(Reason.UPLOAD_RESPONSE_MISMATCH,
					"The upload response is of an upload made at " + uploadedAt + ", outside the life of upload " + id
							+ "'s signature; send the response of this upload.");
		}
		String resourceType = orDefault(text(response, "resource_type"),
				"auto".equals(record.resourceType()) ? "image" : record.resourceType());
		String type = orDefault(text(response, "type"), "upload");
		if (!RESOURCE_TYPES.contains(resourceType) || !DELIVERY_TYPES.contains(type)) {
			throw invalidResponse("The upload response's resource_type must be image, video or raw and its type "
					+ "upload, private or authenticated; send the response body unchanged.");
		}
		AssetFacts asset;
		try {
			asset = this.admin.resource(record.account(), resourceType, type, publicId);
		}
		catch (CloudinaryAdmin.NotFound ex) {
			throw new Refusal(Reason.ASSET_NOT_FOUND,
					"Cloudinary has no asset '" + publicId + "'; send the response of an upload that succeeded.");
		}
		catch (CloudinaryAdmin.Unavailable ex) {
			throw new Refusal(Reason.CLOUDINARY_UNAVAILABLE,
					"Cloudinary's Admin API cannot be asked now; the upload stays issued, retry later.")
				.retryAfter(5);
		}
		boolean confirmed = asset.publicId().equals(publicId) && Long.toString(asset.version()).equals(version)
				&& (!tiedByContext || id.equals(asset.contextUploadId()));
		if (!confirmed) {
			throw mismatch(id);
		}
		return view(judge(record.id(), asset, SOURCE_PULL).record());
	}

	private static Refusal mismatch(String id) {
		return new Refusal(Reason.UPLOAD_RESPONSE_MISMATCH,
				"The upload response is of another upload than " + id + " (Cloudinary's record of the asset "
						+ "does not carry this upload's signed context or public id, or is of another version); send "
						+ "the response of this upload.");
	}

	private static String orDefault(@Nullable String value, String fallback) {
		return (value != null) ? value : fallback;
	}

	@Override
	public @Nullable Arrival arrived(String account, byte[] body, @Nullable String contentType) {
		JsonNode notification = parse(body, contentType);
		if (notification == null || !"upload".equals(text(notification, "notification_type"))) {
			return null;
		}
		String publicId = text(notification, "public_id");
		String id;
		try {
			id = contextUploadId(notification);
			if (id == null && publicId != null) {
				id = this.store.findByPublicId(account, publicId);
			}
			if (id == null) {
				return null;
			}
			UploadRecord record = this.store.find(id);
			if (record == null || !record.account().equals(account)) {
				return null;
			}
			if (UploadRecord.TIE_PUBLIC_ID.equals(record.tie())
					&& (publicId == null || !publicId.equals(record.publicId()))) {
				return null;
			}
			AssetFacts asset = facts(notification, record);
			if (asset == null) {
				return null;
			}
			Judgement judgement = judge(id, asset, SOURCE_NOTIFICATION);
			UploadRecord after = judgement.record();
			return new Arrival(after.id(), after.caller(), after.profile(), judgement.verdict(), judgement.reason());
		}
		catch (UploadRecordStore.Unavailable ex) {
			throw new Arrivals.Unavailable(ex.getMessage());
		}
	}

	// Judges an asset once: the first asset of a record decides its status; the same
	// asset
	// again (a duplicate or replayed notification, a pull after a push) answers it.
	// Another asset tied to a judged record is a second upload made with the same
	// signature within its validity: it is judged against the same rules on its own,
	// destroyed when it breaks one and counted against the quota when kept, and the
	// record stays as it is.
	private Judgement judge(String id, AssetFacts asset, String source) {
		boolean[] judged = new boolean[1];
		UploadRecord after = this.store.update(id, (current) -> {
			judged[0] = false;
			if (!UploadRecord.ISSUED.equals(current.status())) {
				return current;
			}
			judged[0] = true;
			String reason = current.rules().violation(asset);
			return with(current, (reason != null) ? UploadRecord.REJECTED : UploadRecord.COMPLETE, asset, reason);
		});
		if (after == null) {
			throw notFound();
		}
		long day = LocalDate.ofInstant(this.clock.instant(), ZoneOffset.UTC).toEpochDay();
		if (judged[0]) {
			boolean rejected = UploadRecord.REJECTED.equals(after.status());
			if (rejected) {
				this.removals.remove(after);
			}
			else {
				this.quota.add(after.owner(), after.profile(), day, after.id(), asset.bytes());
			}
			this.audit.judged(after.id(), after.caller(), after.profile(),
					rejected ? Arrival.REJECTED : Arrival.ACCEPTED, after.reason(), source);
			wake(id);
			return new Judgement(after, rejected ? Arrival.REJECTED : Arrival.ACCEPTED, after.reason());
		}
		if (asset.sameAs(after.asset())) {
			boolean rejected = UploadRecord.REJECTED.equals(after.status());
			return new Judgement(after, rejected ? Arrival.REJECTED : Arrival.ACCEPTED, after.reason());
		}
		String violation = after.rules().violation(asset);
		String reason = (violation != null) ? "a second upload with this upload's signature: " + violation : null;
		if (violation != null) {
			this.removals.removeExtra(after, asset);
		}
		else {
			this.quota.add(after.owner(), after.profile(), day,
					after.id() + "/" + asset.assetId() + "/" + asset.publicId(), asset.bytes());
		}
		this.audit.judged(after.id(), after.caller(), after.profile(),
				(violation != null) ? Arrival.REJECTED : Arrival.ACCEPTED, reason, source);
		return new Judgement(after, (violation != null) ? Arrival.REJECTED : Arrival.ACCEPTED, reason);
	}

	private void wake(String id) {
		List<Waiter> list = this.waiters.get(id);
		if (list != null) {
			for (Waiter waiter : list) {
				this.timer.execute(() -> waiter.check(false));
			}
		}
	}

	private boolean signedByAccount(String account, String publicId, String version, String signature) {
		List<CloudinaryAccount> keys;
		try {
			keys = this.accounts.keyRing(account).keys();
		}
		catch (CloudinaryAccounts.UnknownAccountException ex) {
			return false;
		}
		for (CloudinaryAccount key : keys) {
			if (ApiResponseSignature.matches(publicId, version, signature, key.secret())) {
				return true;
			}
		}
		return false;
	}

	private UploadRecord view(UploadRecord record) {
		if (UploadRecord.ISSUED.equals(record.status()) && now() > record.expiresAt()) {
			return with(record, UploadRecord.EXPIRED, record.asset(), record.reason());
		}
		return record;
	}

	private static UploadRecord with(UploadRecord r, String status, @Nullable AssetFacts asset,
			@Nullable String reason) {
		return new UploadRecord(r.id(), r.owner(), r.caller(), r.profile(), r.account(), r.resourceType(), r.publicId(),
				r.tie(), r.declaredBytes(), r.declaredType(), r.rules(), r.createdAt(), r.expiresAt(), status, asset,
				reason, r.removed());
	}

	private static Arrival arrival(UploadRecord record) {
		String verdict = UploadRecord.REJECTED.equals(record.status()) ? Arrival.REJECTED : Arrival.ACCEPTED;
		return new Arrival(record.id(), record.caller(), record.profile(), verdict, record.reason());
	}

	private static @Nullable AssetFacts facts(JsonNode n, UploadRecord record) {
		String publicId = text(n, "public_id");
		String bytes = text(n, "bytes");
		if (publicId == null || bytes == null) {
			return null;
		}
		try {
			String assetId = text(n, "asset_id");
			String resourceType = text(n, "resource_type");
			String type = text(n, "type");
			String version = text(n, "version");
			String width = text(n, "width");
			String height = text(n, "height");
			String duration = text(n, "duration");
			return new AssetFacts((assetId != null) ? assetId : "", publicId,
					(resourceType != null) ? resourceType : record.resourceType(), (type != null) ? type : "upload",
					(version != null) ? Long.parseLong(version) : 0, text(n, "secure_url"), Long.parseLong(bytes),
					text(n, "format"), (width != null) ? Integer.valueOf(width) : null,
					(height != null) ? Integer.valueOf(height) : null,
					(duration != null) ? Double.valueOf(duration) : null, contextUploadId(n));
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	private static @Nullable String contextUploadId(JsonNode n) {
		JsonNode context = n.get("context");
		if (context == null) {
			return null;
		}
		JsonNode custom = context.get("custom");
		JsonNode id = (custom != null) ? custom.get(UploadRecord.CONTEXT_KEY) : context.get(UploadRecord.CONTEXT_KEY);
		return (id != null && id.isString()) ? id.asString() : null;
	}

	private static @Nullable String text(JsonNode n, String field) {
		JsonNode value = n.get(field);
		if (value == null || value.isNull() || value.isContainer()) {
			return null;
		}
		String text = value.asString();
		return (text.isEmpty()) ? null : text;
	}

	private static @Nullable JsonNode parse(byte[] body, @Nullable String contentType) {
		if (contentType != null && contentType.toLowerCase().startsWith("application/x-www-form-urlencoded")) {
			return form(new String(body, StandardCharsets.UTF_8));
		}
		try {
			JsonNode node = JSON.readTree(body);
			return (node != null && node.isObject()) ? node : null;
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	private static JsonNode form(String body) {
		Map<String, Object> fields = new LinkedHashMap<>();
		Map<String, String> custom = new LinkedHashMap<>();
		for (String pair : body.split("&")) {
			int eq = pair.indexOf('=');
			String name = URLDecoder.decode((eq < 0) ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
			String value = (eq < 0) ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
			if (name.startsWith("context[custom][") && name.endsWith("]")) {
				custom.put(name.substring("context[custom][".length(), name.length() - 1), value);
			}
			else if (name.equals("context")) {
				custom.putAll(contextEntries(value));
			}
			else {
				fields.put(name, value);
			}
		}
		if (!custom.isEmpty()) {
			fields.put("context", Map.of("custom", custom));
		}
		return JSON.valueToTree(fields);
	}

	/**
	 * Cloudinary's {@code key=value|key2=value2} with {@code \\} escaping {@code |},
	 * {@code =} and itself, so that an escaped {@code |} inside a value never starts an
	 * entry (the same reading as the reserved-key check at signing time).
	 * @param context the parameter's value
	 * @return keys and values, unescaped
	 */
	static Map<String, String> contextEntries(String context) {
		Map<String, String> entries = new LinkedHashMap<>();
		StringBuilder key = new StringBuilder();
		StringBuilder value = new StringBuilder();
		StringBuilder current = key;
		for (int i = 0; i < context.length(); i++) {
			char c = context.charAt(i);
			if (c == '\\' && i + 1 < context.length()) {
				current.append(context.charAt(++i));
			}
			else if (c == '=' && current == key) {
				current = value;
			}
			else if (c == '|') {
				if (current == value && key.length() > 0) {
					entries.put(key.toString(), value.toString());
				}
				key.setLength(0);
				value.setLength(0);
				current = key;
			}
			else {
				current.append(c);
			}
		}
		if (current == value && key.length() > 0) {
			entries.put(key.toString(), value.toString());
		}
		return entries;
	}

	/**
	 * The one answer for an unknown, foreign or malformed upload id, so that none can be
	 * told apart.
	 * @return the 404 refusal
	 */
	public static Refusal notFound() {
		return new Refusal(Reason.UPLOAD_NOT_FOUND,
				"No upload of this id for this caller; use the upload_id Signet answered when it signed.");
	}

	private static Refusal invalidResponse(String detail) {
		return new Refusal(Reason.UPLOAD_RESPONSE_INVALID, detail);
	}

	private long now() {
		return this.clock.instant().getEpochSecond();
	}

	// The owner (SHA-256 of the caller's key) and the caller's name as records keep them,
	// computed once per caller: the hash is not paid again on every signature, and the
	// records of one caller share the two strings instead of holding a copy each.
	private Names names(Caller caller) {
		// Length-prefixed, so that no two callers share an entry whatever their claims
		// hold.
		String key = caller.key();
		return this.names.get(key.length() + ":" + key + caller.client(), (ignored) -> new Names(caller));
	}

	private String owner(Caller caller) {
		return names(caller).owner();
	}

	private record Names(String owner, String caller) {

		Names(Caller caller) {
			this(HexFormat.of().formatHex(Sha256.digest(caller.key())), callerName(caller));
		}

		private static String callerName(Caller caller) {
			String name = (caller.apiKey() ? "key:" : "jwt:") + caller.client();
			String subject = caller.subject();
			return (subject != null && !subject.isEmpty() && !subject.equals(caller.client())) ? name + "/" + subject
					: name;
		}

	}

	private final class Waiter {

		private final CompletableFuture<@Nullable UploadRecord> future = new CompletableFuture<>();

		private final Caller caller;

		private final String id;

		private volatile ScheduledFuture<?> poll;

		private volatile ScheduledFuture<?> timeout;

		Waiter(Caller caller, String id) {
			this.caller = caller;
			this.id = id;
		}

		void check(boolean last) {
			if (this.future.isDone()) {
				return;
			}
			try {
				UploadRecord record = find(this.caller, this.id);
				if (last || record == null || !UploadRecord.ISSUED.equals(record.status())) {
					this.future.complete(record);
				}
			}
			catch (RuntimeException ex) {
				if (last) {
					this.future.completeExceptionally(ex);
				}
			}
		}

	}

	/**
	 * What one arrival decided: the record after it, and the verdict and reason for the
	 * asset that arrived (which, for a second upload with one signature, are not the
	 * record's).
	 */
	private record Judgement(UploadRecord record, String verdict, @Nullable String reason) {

	}

}
