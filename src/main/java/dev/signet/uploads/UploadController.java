package dev.signet.uploads;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.signet.access.Access;
import dev.signet.access.CallerClaim;
import dev.signet.access.Endpoint;
import dev.signet.access.Issued;
import dev.signet.assets.AssetsProperties;
import dev.signet.assets.UploadRecord;
import dev.signet.assets.UploadRecordStore;
import dev.signet.assets.UploadRecords;
import dev.signet.codec.StrictJson;
import dev.signet.refusal.ParameterProblem;
import dev.signet.refusal.Reason;
import dev.signet.refusal.Refusal;
import dev.signet.signing.SignatureRequestReader;
import dev.signet.signing.SigningProfiles;
import dev.signet.web.Responses;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.DeferredResult;

/**
 * {@code POST /v1/uploads} (begin a session), {@code POST /v1/uploads/{id}/signature}
 * (sign the next part), {@code DELETE /v1/uploads/{id}} (finish), {@code GET
 * /v1/uploads/{id}} (what arrived, optionally waiting for it) and {@code POST
 * /v1/uploads/{id}/complete} (the client's upload response): a typed request, one call of
 * the access pipeline, a typed response.
 *
 * @author Signet developers
 */
@RestController
@RequestMapping(path = "/v1/uploads", produces = MediaType.APPLICATION_JSON_VALUE)
class UploadController implements UploadApi {

	private final Access access;

	private final SigningProfiles profiles;

	private static final Pattern UPLOAD_ID = Pattern.compile("[0-9a-f]{32}");

	private static final Pattern WAIT = Pattern.compile("(\\d{1,9})(ms|s)?");

	// How much longer than the wait the container lets the request run before it times
	// out.
	private static final long ASYNC_GRACE_MILLIS = 10_000;

	private final UploadSessions sessions;

	private final UploadRecords records;

	private final AssetsProperties assets;

	UploadController(Access access, SigningProfiles profiles, UploadSessions sessions, UploadRecords records,
			AssetsProperties assets) {
		this.access = access;
		this.profiles = profiles;
		this.sessions = sessions;
		this.records = records;
		this.assets = assets;
	}

	@Override
	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	public UploadSessionResponse create(@RequestBody byte[] body, CallerClaim claim, HttpServletResponse response) {
		Issued<UploadSessionResponse> issued = this.access.issue(Endpoint.UPLOAD_SESSION, claim,
				() -> SignatureRequestReader.readSessionRequest(body), this.profiles, this.sessions::create);
		return Responses.created(response, "/v1/uploads/" + issued.response().uploadId(), issued.response(),
				issued.limit());
	}

	@Override
	@PostMapping("/{uploadId}/signature")
	public UploadSessionResponse resign(@PathVariable String uploadId,
			@RequestBody(required = false) byte @Nullable [] body, CallerClaim claim, HttpServletResponse response) {
		Issued<UploadSessionResponse> issued = this.access.issue(Endpoint.UPLOAD_RESIGN, claim, () -> {
			if (body != null && body.length > 0) {
				StrictJson.readObject(body, Set.of());
			}
			return this.sessions.lookup(uploadId);
		}, this.profiles, this.sessions::resign);
		return Responses.ok(response, issued.response(), issued.limit());
	}

	@Override
	@DeleteMapping("/{uploadId}")
	public void finish(@PathVariable String uploadId, CallerClaim claim, HttpServletResponse response) {
		Issued<Boolean> finished = this.access.serve(Endpoint.UPLOAD_RESIGN, claim, (caller) -> {
			this.sessions.finish(uploadId, caller);
			return true;
		});
		Responses.noContent(response, finished.limit());
	}

	@Override
	@GetMapping("/{uploadId}")
	public DeferredResult<UploadStatusResponse> status(@PathVariable String uploadId,
			@RequestParam(name = "wait", required = false) @Nullable String wait, CallerClaim claim,
			HttpServletResponse response) {
		Issued<CompletableFuture<@Nullable UploadRecord>> issued = this.access.serve(Endpoint.UPLOAD_RESIGN, claim,
				(caller) -> {
					Duration waitFor = parseWait(wait);
					checkId(uploadId);
					if (waitFor.isZero()) {
						return CompletableFuture.completedFuture(available(() -> this.records.find(caller, uploadId)));
					}
					return available(() -> this.records.await(caller, uploadId, waitFor));
				});
		DeferredResult<UploadStatusResponse> result = new DeferredResult<>(
				this.assets.maxWait().toMillis() + ASYNC_GRACE_MILLIS);
		issued.response().whenComplete((record, failure) -> {
			if (failure != null) {
				Throwable cause = (failure instanceof CompletionException && failure.getCause() != null)
						? failure.getCause() : failure;
				result.setErrorResult((cause instanceof UploadRecordStore.Unavailable) ? unavailable() : cause);
			}
			else if (record == null) {
				result.setErrorResult(UploadRecords.notFound());
			}
			else {
				result.setResult(UploadStatusResponse.of(record));
			}
		});
		return Responses.ok(response, result, issued.limit());
	}

	@Override
	@PostMapping(path = "/{uploadId}/complete", consumes = MediaType.APPLICATION_JSON_VALUE)
	public UploadStatusResponse complete(@PathVariable String uploadId, @RequestBody byte[] body, CallerClaim claim,
			HttpServletResponse response) {
		Issued<UploadStatusResponse> issued = this.access.serve(Endpoint.UPLOAD_RESIGN, claim, (caller) -> {
			checkId(uploadId);
			return UploadStatusResponse.of(available(() -> this.records.complete(caller, uploadId, body)));
		});
		return Responses.ok(response, issued.response(), issued.limit());
	}

	private Duration parseWait(@Nullable String wait) {
		if (wait == null || wait.isEmpty()) {
			return Duration.ZERO;
		}
		Matcher matcher = WAIT.matcher(wait.trim());
		if (!matcher.matches()) {
			throw new Refusal(Reason.INVALID_PARAMETER,
					"The query parameter 'wait' must be a duration such as 20s, 1500ms or 20 (seconds), from 0 to "
							+ this.assets.maxWait().toSeconds() + "s.",
					List.of(new ParameterProblem("wait", ParameterProblem.INVALID_VALUE,
							"use a duration such as 20s, 1500ms or 20 (seconds)")),
					Map.of());
		}
		long amount = Long.parseLong(matcher.group(1));
		Duration duration = "ms".equals(matcher.group(2)) ? Duration.ofMillis(amount) : Duration.ofSeconds(amount);
		return (duration.compareTo(this.assets.maxWait()) > 0) ? this.assets.maxWait() : duration;
	}

	private static void checkId(String uploadId) {
		if (!UPLOAD_ID.matcher(uploadId).matches()) {
			throw UploadRecords.notFound();
		}
	}

	private static <T> T available(Supplier<T> work) {
		try {
			return work.get();
		}
		catch (UploadRecordStore.Unavailable ex) {
			throw unavailable();
		}
	}

	private static Refusal unavailable() {
		return new Refusal(Reason.SERVICE_UNAVAILABLE,
				"The upload record store does not answer now; the upload is not lost, retry later.")
			.retryAfter(5);
	}

}
