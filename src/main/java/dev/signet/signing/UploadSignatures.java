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

import dev.signet.cloudinary.CloudinaryAccount;
import dev.signet.cloudinary.CloudinaryAccounts;
import dev.signet.cloudinary.UploadSigner;
import dev.signet.system.ParameterProblem;
import dev.signet.system.ProblemException;
import dev.signet.system.ProblemType;

/**
 * Signs uploads: checks parameters against the policy, stamps or checks the timestamp and
 * signs with the account's secret. Plain Java, no web types. The account is looked up on
 * every request, so that a rotated key is used as soon as it is loaded.
 *
 * @author Signet developers
 */
public final class UploadSignatures {

	/** How long Cloudinary accepts a signature after its timestamp. */
	public static final Duration CLOUDINARY_VALIDITY = Duration.ofHours(1);

	private static final Pattern UNIX_SECONDS = Pattern.compile("[0-9]{10}");

	private final CloudinaryAccounts accounts;

	private final UploadPolicy policy;

	private final Clock clock;

	private final Duration widgetTolerance;

	public UploadSignatures(CloudinaryAccounts accounts, UploadPolicy policy, Clock clock, Duration widgetTolerance) {
		this.accounts = accounts;
		this.policy = policy;
		this.clock = clock;
		this.widgetTolerance = widgetTolerance;
	}

	/**
	 * Signs client parameters with a fresh server timestamp.
	 * @param request the client's parameters, the problems found reading them and the
	 * resource type for the upload URL
	 * @return the signature and what to post
	 */
	public Issued<SignatureResponse> stamp(SignatureRequestReader.StampRequest request) {
		CloudinaryAccount account = this.accounts.defaultAccount();
		Map<String, ParamValue> params = request.params();
		String resourceType = request.resourceType();
		List<ParameterProblem> problems = new ArrayList<>(request.problems());
		if (params.containsKey("timestamp")) {
			problems.add(new ParameterProblem("timestamp", ParameterProblem.NOT_ALLOWED,
					"Signet stamps the timestamp itself from its clock; leave it out"));
		}
		Map<String, ParamValue> clientParams = new LinkedHashMap<>(params);
		clientParams.remove("timestamp");
		Map<String, String> signed = this.policy.apply(clientParams, UploadPolicy.Mode.STAMPED,
				account.signatureVersion(), problems);
		if (!problems.isEmpty()) {
			throw refusal(problems);
		}
		long timestamp = this.clock.instant().getEpochSecond();
		Map<String, String> posted = new TreeMap<>(signed);
		posted.put("timestamp", Long.toString(timestamp));
		String stringToSign = UploadSigner.stringToSign(posted, account.signatureVersion());
		String signature = account.signer().signStringToSign(stringToSign);
		Instant expiresAt = Instant.ofEpochSecond(timestamp).plus(CLOUDINARY_VALIDITY);
		SignatureResponse response = new SignatureResponse(signature, timestamp, account.apiKey(), account.cloudName(),
				account.algorithm().configName(), posted, account.uploadUrl(resourceType), expiresAt.toString());
		return new Issued<>(response, stringToSign, posted.keySet().stream().toList(), account);
	}

	/**
	 * Signs the Upload Widget's parameters as given, after checking its timestamp and the
	 * policy.
	 * @param request the widget's parameters, its timestamp included, and the problems
	 * found reading them
	 * @return the signature
	 */
	public Issued<WidgetSignatureResponse> signWidget(SignatureRequestReader.WidgetRequest request) {
		CloudinaryAccount account = this.accounts.defaultAccount();
		Map<String, ParamValue> params = request.params();
		List<ParameterProblem> problems = new ArrayList<>(request.problems());
		long timestamp = widgetTimestamp(params.get("timestamp"), problems);
		Map<String, ParamValue> clientParams = new LinkedHashMap<>(params);
		clientParams.remove("timestamp");
		Map<String, String> signed = this.policy.apply(clientParams, UploadPolicy.Mode.WIDGET,
				account.signatureVersion(), problems);
		if (!problems.isEmpty()) {
			throw refusal(problems);
		}
		checkWindow(timestamp);
		Map<String, String> posted = new TreeMap<>(signed);
		posted.put("timestamp", params.get("timestamp").posted());
		String stringToSign = UploadSigner.stringToSign(posted, account.signatureVersion());
		String signature = account.signer().signStringToSign(stringToSign);
		return new Issued<>(new WidgetSignatureResponse(signature, account.apiKey(), account.cloudName(), timestamp),
				stringToSign, posted.keySet().stream().toList(), account);
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
			throw new ProblemException(400, ProblemType.TIMESTAMP_OUT_OF_WINDOW,
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
	 * @return the exception to throw
	 */
	static ProblemException refusal(List<ParameterProblem> problems) {
		boolean onlyNotAllowed = problems.stream().allMatch((p) -> p.code().equals(ParameterProblem.NOT_ALLOWED));
		ProblemType type = onlyNotAllowed ? ProblemType.PARAMETER_NOT_ALLOWED : ProblemType.INVALID_PARAMETER;
		StringBuilder detail = new StringBuilder("Signet refused ");
		detail.append((problems.size() == 1) ? "this parameter" : problems.size() + " parameters").append(": ");
		for (int i = 0; i < problems.size(); i++) {
			if (i > 0) {
				detail.append("; ");
			}
			detail.append(problems.get(i).name()).append(" (").append(problems.get(i).reason()).append(')');
		}
		detail.append(". Change or remove ").append((problems.size() == 1) ? "it" : "them").append(" and retry.");
		return new ProblemException(400, type, detail.toString(), problems, Map.of());
	}

	/**
	 * A signature Signet issued, with what the audit log needs.
	 *
	 * @param <T> the response type
	 * @param response the response to the client
	 * @param stringToSign the string that was signed (without the secret)
	 * @param signedNames the names of the signed parameters
	 * @param account the key that signed
	 */
	public record Issued<T>(T response, String stringToSign, List<String> signedNames, CloudinaryAccount account) {

	}

}
