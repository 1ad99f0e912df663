package dev.signet.uploads;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import dev.signet.access.Access;
import dev.signet.access.Caller;
import dev.signet.access.Issue;
import dev.signet.codec.Sha256;
import dev.signet.refusal.ParameterProblem;
import dev.signet.refusal.Reason;
import dev.signet.refusal.Refusal;
import dev.signet.signing.DeclaredFile;
import dev.signet.signing.SignatureRequestReader.SessionRequest;
import dev.signet.signing.SignatureResponse;
import dev.signet.signing.SigningProfile;
import dev.signet.signing.UploadSignatures;
import org.jspecify.annotations.Nullable;

/**
 * Upload sessions: a session signs the same parameters for every part of one upload and
 * every retry, each time with a fresh timestamp, for the caller that began it, until it
 * expires or is finished. Plain Java, no web types; the access pipeline runs around it.
 *
 * @author Signet developers
 */
public final class UploadSessions {

	/** How long a client waits before retrying when the session store does not answer. */
	static final long STORE_RETRY_AFTER_SECONDS = 5;

	private static final Pattern ID = Pattern.compile("[0-9a-f]{32}");

	private final UploadSignatures signatures;

	private final UploadSessionStore store;

	private final Clock clock;

	private final SecureRandom random = new SecureRandom();

	/**
	 * The sessions.
	 * @param signatures the signer of stamped signatures
	 * @param store where the sessions live
	 * @param clock the clock of expiry
	 */
	public UploadSessions(UploadSignatures signatures, UploadSessionStore store, Clock clock) {
		this.signatures = signatures;
		this.store = store;
		this.clock = clock;
	}

	/**
	 * Begins a session: checks the request like {@code POST /v1/signatures} does, and the
	 * declared file against the profile's rules, resolves the parameters once, stores the
	 * session and signs its first part.
	 * @param request the request
	 * @param profile the selected profile
	 * @param caller the caller
	 * @return the first signature and the session
	 */
	public Issue<UploadSessionResponse> create(SessionRequest request, SigningProfile profile, Caller caller) {
		List<ParameterProblem> fileProblems = profile.fileRules().check(profile.name(), request.file());
		Map<String, String> prepared = this.signatures.prepare(request.stamp(), profile, caller, fileProblems,
				profile.fileRules().describe());
		long now = this.clock.instant().getEpochSecond();
		long expiresAt = now + profile.sessionValidity().toSeconds();
		String id;
		boolean follows = this.signatures.follows(request.stamp(), profile);
		if (follows) {
			this.signatures.checkQuota(profile, caller);
			id = this.signatures.newUploadId();
			prepared = this.signatures.tie(request.stamp(), prepared, profile, id);
		}
		else {
			id = newId();
		}
		UploadSession session = new UploadSession(id, owner(caller), profile.name(), profile.account(),
				request.stamp().resourceType(), prepared, profile.chunkSize(), request.file(), now, expiresAt,
				UploadSession.ISSUED);
		if (follows) {
			DeclaredFile file = request.file();
			this.signatures.record(id, caller, profile, session.resourceType(),
					UploadSignatures.answeredPublicId(prepared), request.stamp().recordTie(), file.bytes(),
					declaredType(file), expiresAt);
		}
		save(session);
		Issue<SignatureResponse> signed = this.signatures.signStamped(profile, session.resourceType(), session.params(),
				request.stamp().explain());
		return new Issue<>(UploadSessionResponse.of(signed.response(), session),
				signed.grant().forUpload(session.id()));
	}

	/**
	 * Finds a session for re-signing or finishing, by the id in the URL.
	 * @param id the upload id
	 * @return the request naming the session's profile
	 * @throws Refusal 404 when no store knows the id, 503 when the store does not answer
	 */
	public Lookup lookup(String id) {
		if (!ID.matcher(id).matches()) {
			throw notFound(id);
		}
		UploadSession session;
		try {
			session = this.store.find(id);
		}
		catch (UploadSessionStore.Unavailable ex) {
			throw unavailable();
		}
		if (session == null) {
			throw notFound(id);
		}
		return new Lookup(session);
	}

	/**
	 * Signs the session's next part: the same parameters, a fresh timestamp.
	 * @param lookup the session
	 * @param profile the session's profile, which the caller must still be allowed to use
	 * @param caller the caller, who must have begun the session
	 * @return the signature
	 */
	public Issue<UploadSessionResponse> resign(Lookup lookup, SigningProfile profile, Caller caller) {
		UploadSession session = live(lookup.session(), caller);
		if (!profile.account().equals(session.account())) {
			throw new Refusal(Reason.UPLOAD_SESSION_ENDED, "The profile '" + profile.name()
					+ "' signs for another Cloudinary account than when the upload session began; begin a new session.");
		}
		Issue<SignatureResponse> signed = this.signatures.signStamped(profile, session.resourceType(), session.params(),
				false);
		return new Issue<>(UploadSessionResponse.of(signed.response(), session),
				signed.grant().forUpload(session.id()));
	}

	/**
	 * Finishes a session: no part is signed for it any more.
	 * @param id the upload id
	 * @param caller the caller, who must have begun the session
	 */
	public void finish(String id, Caller caller) {
		UploadSession session = live(lookup(id).session(), caller);
		save(session.finished());
	}

	private UploadSession live(UploadSession session, Caller caller) {
		if (!session.owner().equals(owner(caller))) {
			throw notFound(session.id());
		}
		if (UploadSession.FINISHED.equals(session.status())) {
			throw new Refusal(Reason.UPLOAD_SESSION_ENDED,
					"The upload session " + session.id() + " was finished; begin a new session with POST /v1/uploads.");
		}
		Instant now = this.clock.instant();
		if (now.getEpochSecond() >= session.expiresAt()) {
			throw new Refusal(Reason.UPLOAD_SESSION_ENDED,
					"The upload session " + session.id() + " expired at " + session.expiry()
							+ " (the profile's session-validity); begin a new session with POST /v1/uploads.",
					List.of(), Map.of("session_expires_at", session.expiry().toString()));
		}
		return session;
	}

	private void save(UploadSession session) {
		try {
			this.store.save(session);
		}
		catch (UploadSessionStore.Unavailable ex) {
			throw unavailable();
		}
	}

	private static @Nullable String declaredType(DeclaredFile file) {
		return (file.contentType() != null) ? file.contentType() : file.filename();
	}

	private String newId() {
		byte[] id = new byte[16];
		this.random.nextBytes(id);
		return HexFormat.of().formatHex(id);
	}

	/**
	 * Who owns a session, stored as a digest: the store holds no caller's identity.
	 * @param caller the caller
	 * @return the digest, hex
	 */
	static String owner(Caller caller) {
		return HexFormat.of().formatHex(Sha256.digest(caller.key()));
	}

	private static Refusal notFound(String id) {
		String shown = ID.matcher(id).matches() ? id : "with that id";
		return new Refusal(Reason.UPLOAD_NOT_FOUND, "No upload session " + shown + " for this caller: it never "
				+ "existed, ended more than an hour ago, or was begun by another caller. Begin one with POST /v1/uploads.");
	}

	private static Refusal unavailable() {
		return new Refusal(Reason.SERVICE_UNAVAILABLE, "The upload session store does not answer now. Sessions "
				+ "begun while it is down are kept by the replica that began them; other sessions can be re-signed "
				+ "again once it answers: retry after the time given.")
			.retryAfter(STORE_RETRY_AFTER_SECONDS);
	}

	/**
	 * A session found by its id, as the access pipeline's typed request: it names the
	 * session's profile.
	 *
	 * @param session the session
	 */
	public record Lookup(UploadSession session) implements Access.ProfileRequest {

		@Override
		public @Nullable String profile() {
			return this.session.profile();
		}

	}

}
