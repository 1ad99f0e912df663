package dev.signet.signing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import dev.signet.access.Caller;
import dev.signet.access.Grant;
import dev.signet.access.Issue;
import dev.signet.assets.UploadRecord;
import dev.signet.assets.UploadRecordStore;
import dev.signet.assets.UploadRecords;
import dev.signet.cloudinary.CloudinaryAccount;
import dev.signet.cloudinary.CloudinaryAccounts;
import dev.signet.cloudinary.UploadSigner;
import dev.signet.refusal.ParameterProblem;
import dev.signet.refusal.Reason;
import dev.signet.refusal.Refusal;
import dev.signet.signing.SignatureRequestReader.StampRequest;
import org.jspecify.annotations.Nullable;

/**
 * Signs uploads: picks the caller's signing profile, checks parameters against it,
 * applies its forced parameters, stamps or checks the timestamp and signs with the
 * account's secret. Plain Java, no web types.
 *
 * @author Signet developers
 */
public final class UploadSignatures {

	/** How long Cloudinary accepts a signature after its timestamp. */
	public static final Duration CLOUDINARY_VALIDITY = Duration.ofHours(1);

	/** What Signet shows in place of the secret when explaining a signature. */
	public static final String SECRET_PLACEHOLDER = "<api_secret>";

	private static final Pattern UNIX_SECONDS = Pattern.compile("[0-9]{10}");

	private final CloudinaryAccounts accounts;

	private final Clock clock;

	/** How long a client waits before retrying when the upload records do not answer. */
	static final long RECORDS_RETRY_AFTER_SECONDS = 5;

	private final Duration widgetTolerance;

	private final @Nullable UploadRecords records;

	private final @Nullable String receiverUrl;

	/**
	 * Signatures without upload records (benchmarks and pure signing tests): no
	 * {@code upload_id}, no context entry, no quota.
	 * @param accounts the accounts
	 * @param clock the clock
	 * @param widgetTolerance how far a widget timestamp may be from server time
	 */
	public UploadSignatures(CloudinaryAccounts accounts, Clock clock, Duration widgetTolerance) {
		this(accounts, clock, widgetTolerance, null, null);
	}

	/**
	 * Signatures that record every upload they sign.
	 * @param accounts the accounts
	 * @param clock the clock
	 * @param widgetTolerance how far a widget timestamp may be from server time
	 * @param records the upload records ({@code null}: none kept)
	 * @param receiverUrl the notification receiver's URL signed for {@code notify}
	 * profiles, or {@code null} when no public URL is set
	 */
	public UploadSignatures(CloudinaryAccounts accounts, Clock clock, Duration widgetTolerance,
			@Nullable UploadRecords records, @Nullable String receiverUrl) {
		this.accounts = accounts;
		this.clock = clock;
		this.widgetTolerance = widgetTolerance;
		this.records = records;
		this.receiverUrl = receiverUrl;
	}

	/**
	 * Signs client parameters with a fresh server timestamp (back-dated when the
	 * profile's validity is shorter than Cloudinary's hour).
	 * @param request the client's parameters, the problems found reading them, the
	 * resource type, profile and explain flag
	 * @param profile the selected profile
	 * @param caller the caller
	 * @return the signature and what to post
	 */
	public Issue<SignatureResponse> stamp(SignatureRequestReader.StampRequest request, SigningProfile profile,
			Caller caller) {
		Map<String, String> prepared = prepare(request, profile, caller, List.of(), Map.of());
		if (!follows(request, profile)) {
			return signStamped(profile, request.resourceType(), prepared, request.explain());
		}
		String id = this.records.newId();
		checkQuota(profile, caller);
		Map<String, String> tied = tie(request, prepared, profile, id);
		Issue<SignatureResponse> signed = signStamped(profile, request.resourceType(), tied, request.explain(), id);
		record(id, caller, profile, request.resourceType(), answeredPublicId(tied), request.recordTie(), null, null,
				signed.response().timestamp() + CLOUDINARY_VALIDITY.toSeconds());
		return signed;
	}

	/**
	 * Whether an upload signed for this request is followed (gets a record), after
	 * checking that its {@code tie} suits the profile.
	 * @param request the request
	 * @param profile the profile
	 * @return false for {@code tie: none} (or when no records are kept)
	 * @throws Refusal 400 naming {@code tie} when the profile cannot be signed so
	 */
	public boolean follows(SignatureRequestReader.StampRequest request, SigningProfile profile) {
		if (this.records == null) {
			return false;
		}
		String tie = request.tie();
		if (StampRequest.TIE_PUBLIC_ID.equals(tie) && !profile.forcesUniquePublicId()) {
			throw tieRefused("the profile '" + profile.name() + "' forces no unique public_id (a forced public_id "
					+ "with {uuid}), so the upload cannot be tied by it; leave tie out and post params as answered");
		}
		if (StampRequest.TIE_NONE.equals(tie)) {
			if (followsAssets(profile)) {
				throw tieRefused("the profile '" + profile.name() + "' checks what arrives (max-bytes, formats, "
						+ "dimensions, duration, max-bytes-per-day or notify), so every upload must be followed; "
						+ "leave tie out and post params as answered, or use tie public_id with a forced "
						+ "public_id containing {uuid}");
			}
			return false;
		}
		return true;
	}

	private static boolean followsAssets(SigningProfile profile) {
		return profile.assetRules().checksAssets() || profile.assetRules().maxBytesPerDay() != null
				|| profile.notifies();
	}

	private static Refusal tieRefused(String reason) {
		return refusal(List.of(new ParameterProblem("tie", ParameterProblem.INVALID_VALUE, reason)), Map.of());
	}

	/**
	 * A new upload id.
	 * @return 32 lowercase hex characters
	 * @throws IllegalStateException when no records are kept
	 */
	public String newUploadId() {
		return requireRecords().newId();
	}

	/**
	 * Refuses a signature when the caller used up its daily bytes of the profile.
	 * @param profile the profile
	 * @param caller the caller
	 * @throws Refusal 429 with limit {@code max-bytes-per-day}, 503 when the count cannot
	 * be read
	 */
	public void checkQuota(SigningProfile profile, Caller caller) {
		try {
			requireRecords().checkQuota(caller, profile.name(), profile.assetRules());
		}
		catch (UploadRecordStore.Unavailable ex) {
			throw new Refusal(Reason.SERVICE_UNAVAILABLE,
					"Signet cannot read the bytes this caller uploaded today "
							+ "now, so it signs nothing with the byte-quota profile '" + profile.name()
							+ "'; retry after the time given.")
				.retryAfter(RECORDS_RETRY_AFTER_SECONDS);
		}
	}

	/**
	 * Ties prepared parameters to an upload id: for {@code tie: context} merges
	 * {@code signet_upload_id=<id>} into the signed {@code context} (after the client's
	 * entries, which are kept as posted) and, for a {@code notify} profile, signs
	 * {@code notification_url} pointing at Signet's receiver.
	 * @param request the request, whose {@code tie} decides
	 * @param prepared what {@link #prepare} answered
	 * @param profile the profile
	 * @param id the upload id
	 * @return the parameters to sign, sorted
	 */
	public Map<String, String> tie(SignatureRequestReader.StampRequest request, Map<String, String> prepared,
			SigningProfile profile, String id) {
		Map<String, String> tied = new TreeMap<>(prepared);
		if (StampRequest.TIE_CONTEXT.equals(request.tie())) {
			String entry = UploadRecord.CONTEXT_KEY + "=" + id;
			String context = tied.get("context");
			tied.put("context", (context == null || context.isEmpty()) ? entry : context + "|" + entry);
		}
		if (profile.notifies()) {
			if (this.receiverUrl == null) {
				throw new IllegalStateException("notify: true needs signet.public-url");
			}
			tied.put("notification_url", this.receiverUrl);
		}
		return tied;
	}

	/**
	 * Stores the record of an upload being signed; never a signature without its record.
	 * @param id the upload id
	 * @param caller the caller
	 * @param profile the profile
	 * @param resourceType the resource type
	 * @param publicId the full signed public id, or {@code null}
	 * @param tie how arrivals are matched to the record
	 * @param declaredBytes the declared size, or {@code null}
	 * @param declaredType the declared filename or media type, or {@code null}
	 * @param expiresAt when the signature or session expires, UNIX seconds
	 * @throws Refusal 503 when the records do not answer
	 */
	public void record(String id, Caller caller, SigningProfile profile, String resourceType, @Nullable String publicId,
			String tie, @Nullable Long declaredBytes, @Nullable String declaredType, long expiresAt) {
		try {
			requireRecords().issue(id, caller, profile.name(), profile.account(), resourceType, publicId, tie,
					declaredBytes, declaredType, profile.assetRules(), expiresAt);
		}
		catch (UploadRecordStore.Unavailable ex) {
			throw recordsUnavailable("record the upload");
		}
	}

	/**
	 * The public id Cloudinary answers for signed parameters on an account with dynamic
	 * folders (the default of every account since 2024): the signed {@code public_id} as
	 * it is, since a signed {@code folder} becomes the asset folder and is not prefixed.
	 * @param signed the signed parameters
	 * @return the public id, or {@code null} when none is signed
	 */
	public static @Nullable String answeredPublicId(Map<String, String> signed) {
		String publicId = signed.get("public_id");
		return (publicId == null || publicId.isEmpty()) ? null : publicId;
	}

	private static Refusal recordsUnavailable(String what) {
		return new Refusal(Reason.SERVICE_UNAVAILABLE,
				"Signet cannot " + what
						+ " now, so it signs nothing (every signed upload is recorded); retry after the time given.")
			.retryAfter(RECORDS_RETRY_AFTER_SECONDS);
	}

	private UploadRecords requireRecords() {
		if (this.records == null) {
			throw new IllegalStateException("This signer keeps no upload records");
		}
		return this.records;
	}

	private static void checkReservedContext(Map<String, ParamValue> params, List<ParameterProblem> problems) {
		ParamValue context = params.get("context");
		if (context == null) {
			return;
		}
		String value = context.posted();
		if (ParameterRule.contextKeys(value).stream().anyMatch((key) -> key.strip().equals(UploadRecord.CONTEXT_KEY))) {
			problems.add(new ParameterProblem("context", ParameterProblem.NOT_ALLOWED,
					"the context key " + UploadRecord.CONTEXT_KEY + " is Signet's own; remove it"));
			return;
		}
		int backslashes = 0;
		for (int i = value.length() - 1; i >= 0 && value.charAt(i) == '\\'; i--) {
			backslashes++;
		}
		if (backslashes % 2 == 1) {
			problems.add(new ParameterProblem("context", ParameterProblem.INVALID_VALUE,
					"ends with an unescaped backslash; escape it as \\\\"));
		}
	}

	/**
	 * Checks a request for a stamped signature and resolves what to sign but the
	 * timestamp: the client's accepted parameters and the profile's forced values, their
	 * templates ({@code {uuid}}, {@code {date}}) resolved now.
	 * @param request the client's parameters, the problems found reading them, the
	 * resource type, profile and explain flag
	 * @param profile the selected profile
	 * @param caller the caller
	 * @param moreProblems problems the endpoint found besides the parameters' (refused
	 * together with them)
	 * @param properties problem properties to add when any problem is found
	 * @return the parameters to sign, sorted, without {@code timestamp}
	 * @throws Refusal when the request breaks the profile
	 */
	public Map<String, String> prepare(SignatureRequestReader.StampRequest request, SigningProfile profile,
			Caller caller, List<ParameterProblem> moreProblems, Map<String, Object> properties) {
		CloudinaryAccount account = this.accounts.current(profile.account());
		List<ParameterProblem> problems = new ArrayList<>(request.problems());
		if (!profile.resourceTypes().contains(request.resourceType())) {
			throw new Refusal(Reason.INVALID_REQUEST, "The profile '" + profile.name() + "' allows resource_type "
					+ String.join(", ", profile.resourceTypes()) + ", not " + request.resourceType() + ".");
		}
		if (request.explain() && !profile.explainAllowed()) {
			throw new Refusal(Reason.INVALID_REQUEST, "Explain mode is not enabled for the profile '" + profile.name()
					+ "'; leave explain out or use a profile with explain: true.");
		}
		Map<String, ParamValue> params = new LinkedHashMap<>(request.params());
		if (this.records != null) {
			checkReservedContext(params, problems);
		}
		if (params.remove("timestamp") != null) {
			problems.add(new ParameterProblem("timestamp", ParameterProblem.NOT_ALLOWED,
					"Signet stamps the timestamp itself from its clock; leave it out"));
		}
		Map<String, String> forced = profile.resolveForced(caller, account.signatureVersion());
		forced.forEach((name, value) -> {
			ParamValue sent = params.remove(name);
			if (sent != null && !sent.posted().equals(value)) {
				problems.add(new ParameterProblem(name, ParameterProblem.INVALID_VALUE,
						"the profile sets this parameter itself; leave it out"));
			}
		});
		Map<String, String> signed = profile.policy()
			.apply(params, forced, UploadPolicy.Mode.STAMPED, account.signatureVersion(), problems);
		problems.addAll(moreProblems);
		if (!problems.isEmpty()) {
			throw refusal(problems, moreProblems.isEmpty() ? Map.of() : properties);
		}
		Map<String, String> prepared = new TreeMap<>(signed);
		prepared.putAll(forced);
		return prepared;
	}

	/**
	 * Signs prepared parameters with a fresh server timestamp (back-dated when the
	 * profile's validity is shorter than Cloudinary's hour), with the account's current
	 * key.
	 * @param profile the profile
	 * @param resourceType the resource type that picks the upload URL
	 * @param prepared what {@link #prepare} answered
	 * @param explain whether to answer the string to sign
	 * @return the signature and what to post
	 */
	public Issue<SignatureResponse> signStamped(SigningProfile profile, String resourceType,
			Map<String, String> prepared, boolean explain) {
		return signStamped(profile, resourceType, prepared, explain, null);
	}

	/**
	 * Signs prepared parameters like
	 * {@link #signStamped(SigningProfile, String, Map, boolean)} and answers the upload
	 * id with them (and in the grant, so that the audit names it).
	 * @param profile the profile
	 * @param resourceType the resource type that picks the upload URL
	 * @param prepared what {@link #prepare} (and {@link #tie}) answered
	 * @param explain whether to answer the string to sign
	 * @param uploadId the upload id to answer, or {@code null}
	 * @return the signature and what to post
	 */
	public Issue<SignatureResponse> signStamped(SigningProfile profile, String resourceType,
			Map<String, String> prepared, boolean explain, @Nullable String uploadId) {
		CloudinaryAccount account = this.accounts.current(profile.account());
		long now = this.clock.instant().getEpochSecond();
		long timestamp = now - (CLOUDINARY_VALIDITY.toSeconds() - profile.validity().toSeconds());
		Map<String, String> posted = new TreeMap<>(prepared);
		posted.put("timestamp", Long.toString(timestamp));
		String stringToSign = UploadSigner.stringToSign(posted, account.signatureVersion());
		String signature = account.signer().signStringToSign(stringToSign);
		Instant expiresAt = Instant.ofEpochSecond(timestamp).plus(CLOUDINARY_VALIDITY);
		List<String> signedKeys = List.copyOf(posted.keySet());
		SignatureResponse response = new SignatureResponse(signature, timestamp, account.apiKey(), account.cloudName(),
				account.algorithm().configName(), posted, account.uploadUrl(resourceType), expiresAt.toString(),
				profile.name(), explain ? stringToSign + SECRET_PLACEHOLDER : null, explain ? signedKeys : null,
				uploadId);
		Grant grant = grant(profile, account, signedKeys, stringToSign);
		return new Issue<>(response, (uploadId != null) ? grant.forUpload(uploadId) : grant);
	}

	/**
	 * Signs the Upload Widget's parameters as given, after checking its timestamp, the
	 * profile's forced values and its allow-list.
	 * @param request the widget's parameters, its timestamp included, and the problems
	 * found reading them
	 * @param profile the selected profile
	 * @param caller the caller
	 * @return the signature
	 */
	public Issue<WidgetSignatureResponse> signWidget(SignatureRequestReader.WidgetRequest request,
			SigningProfile profile, Caller caller) {
		CloudinaryAccount account = this.accounts.current(profile.account());
		List<ParameterProblem> problems = new ArrayList<>(request.problems());
		Map<String, ParamValue> params = new LinkedHashMap<>(request.params());
		if (this.records != null) {
			checkReservedContext(params, problems);
			if (followsAssets(profile) && !profile.forcesUniquePublicId()) {
				problems.add(new ParameterProblem("public_id", ParameterProblem.INVALID_VALUE,
						"the profile '" + profile.name() + "' checks what arrives, and a widget upload can only be "
								+ "followed by a unique public_id: force public_id with {uuid} in the profile, or "
								+ "sign with POST /v1/signatures"));
			}
		}
		ParamValue timestampValue = params.remove("timestamp");
		long timestamp = widgetTimestamp(timestampValue, problems);
		Map<String, String> forcedValues = new TreeMap<>();
		Map<String, String> widgetOptions = new LinkedHashMap<>();
		Map<String, String> described = profile.describeForced(caller, account.signatureVersion());
		if (this.records != null && profile.notifies()) {
			ParamValue sent = params.remove("notification_url");
			if (sent == null || !sent.posted().equals(this.receiverUrl)) {
				widgetOptions.put("notification_url", this.receiverUrl);
				problems.add(new ParameterProblem("notification_url",
						(sent != null) ? ParameterProblem.INVALID_VALUE : ParameterProblem.MISSING,
						"the profile '" + profile.name() + "' has Signet follow the upload: set notification_url="
								+ this.receiverUrl + " in the widget options"));
			}
			else {
				forcedValues.put("notification_url", sent.posted());
			}
		}
		for (String name : profile.forcedTemplates().keySet()) {
			ParamValue sent = params.remove(name);
			if (sent == null || !profile.matchesForced(name, sent.posted(), caller)) {
				widgetOptions.put(name, described.get(name));
				problems.add(new ParameterProblem(name,
						(sent != null) ? ParameterProblem.INVALID_VALUE : ParameterProblem.MISSING,
						"the profile '" + profile.name() + "' requires " + name + "=" + described.get(name)
								+ "; set it in the widget options"));
			}
			else {
				forcedValues.put(name, sent.posted());
			}
		}
		Map<String, String> signed = profile.policy()
			.apply(params, forcedValues, UploadPolicy.Mode.WIDGET, account.signatureVersion(), problems);
		if (!problems.isEmpty()) {
			throw refusal(problems, widgetOptions.isEmpty() ? Map.of() : Map.of("widget_options", widgetOptions));
		}
		checkWindow(timestamp);
		Map<String, String> posted = new TreeMap<>(signed);
		posted.putAll(forcedValues);
		posted.put("timestamp", timestampValue.posted());
		String uploadId = null;
		if (this.records != null) {
			checkQuota(profile, caller);
			if (profile.forcesUniquePublicId()) {
				uploadId = widgetRecord(caller, profile, answeredPublicId(posted), timestamp);
			}
		}
		String stringToSign = UploadSigner.stringToSign(posted, account.signatureVersion());
		String signature = account.signer().signStringToSign(stringToSign);
		Grant grant = grant(profile, account, List.copyOf(posted.keySet()), stringToSign);
		return new Issue<>(
				new WidgetSignatureResponse(signature, account.apiKey(), account.cloudName(), timestamp, uploadId),
				(uploadId != null) ? grant.forUpload(uploadId) : grant);
	}

	// The widget may ask again for the same upload (a retry): the caller's issued record
	// of
	// that public id is its record; another caller's, or a judged one, refuses it.
	private String widgetRecord(Caller caller, SigningProfile profile, String publicId, long timestamp) {
		UploadRecord existing;
		try {
			existing = this.records.tiedTo(caller, profile.account(), publicId);
		}
		catch (UploadRecordStore.Unavailable ex) {
			throw recordsUnavailable("read the upload records");
		}
		if (existing != null) {
			return existing.id();
		}
		String id = this.records.newId();
		record(id, caller, profile, "auto", publicId, UploadRecord.TIE_PUBLIC_ID, null, null,
				timestamp + CLOUDINARY_VALIDITY.toSeconds());
		return id;
	}

	private long widgetTimestamp(ParamValue value, List<ParameterProblem> problems) {
		if (value == null) {
			problems.add(new ParameterProblem("timestamp", ParameterProblem.MISSING,
					"the widget signs its own timestamp: paramsToSign must contain it"));
			return -1;
		}
		if (!UNIX_SECONDS.matcher(value.posted()).matches()) {
			problems.add(new ParameterProblem("timestamp", ParameterProblem.INVALID_VALUE,
					(value.posted().matches("[0-9]{13}")) ? "looks like milliseconds; use UNIX time in seconds"
							: "must be a 10-digit UNIX time in seconds"));
			return -1;
		}
		return Long.parseLong(value.posted());
	}

	private void checkWindow(long timestamp) {
		long now = this.clock.instant().getEpochSecond();
		long tolerance = this.widgetTolerance.toSeconds();
		long offset = timestamp - now;
		if (Math.abs(offset) > tolerance) {
			String direction = (offset < 0) ? (-offset) + " s behind" : offset + " s ahead of";
			throw new Refusal(Reason.TIMESTAMP_OUT_OF_WINDOW,
					"The timestamp " + timestamp + " is " + direction + " server time " + now
							+ "; Signet accepts widget timestamps within " + tolerance
							+ " s of server time. Check the clock of the device that runs the widget.",
					List.of(new ParameterProblem("timestamp", ParameterProblem.INVALID_VALUE,
							"outside the accepted window")),
					Map.of("server_time", now));
		}
	}

	/**
	 * The refusal for a list of parameter problems.
	 * @param problems the problems
	 * @param properties extra problem properties
	 * @return the exception to throw
	 */
	static Refusal refusal(List<ParameterProblem> problems, Map<String, Object> properties) {
		boolean onlyNotAllowed = problems.stream().allMatch((p) -> p.code().equals(ParameterProblem.NOT_ALLOWED));
		Reason type = onlyNotAllowed ? Reason.PARAMETER_NOT_ALLOWED : Reason.INVALID_PARAMETER;
		StringBuilder detail = new StringBuilder("Signet refused ");
		detail.append((problems.size() == 1) ? "this parameter" : problems.size() + " parameters").append(": ");
		for (int i = 0; i < problems.size(); i++) {
			if (i > 0) {
				detail.append("; ");
			}
			detail.append(problems.get(i).name()).append(" (").append(problems.get(i).reason()).append(')');
		}
		detail.append(". Change or remove ").append((problems.size() == 1) ? "it" : "them").append(" and retry.");
		return new Refusal(type, detail.toString(), problems, properties);
	}

	private static Grant grant(SigningProfile profile, CloudinaryAccount account, List<String> signedNames,
			String stringToSign) {
		return new Grant(profile.account(), account.apiKey(), account.algorithm().configName(),
				account.signatureVersion(), signedNames, stringToSign);
	}

}
