package dev.signet.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.signet.cloudinary.CloudinaryAccount;
import dev.signet.cloudinary.KeyRing;
import dev.signet.cloudinary.MalformedSettingException;
import dev.signet.cloudinary.UploadSigner;
import dev.signet.refusal.ParameterProblem;
import dev.signet.refusal.Refusal;
import dev.signet.signing.ParamValue;
import dev.signet.signing.SignatureRequestReader;
import dev.signet.signing.UploadPolicy;

/**
 * {@code java -jar signet.jar sign '<params JSON>' [--explain]}: signs parameters like
 * {@code cld utils api_sign_request}, with the secret from {@code CLOUDINARY_URL} (never
 * from the command line; with several key lines, the first signs). {@code --explain}
 * prints the string to sign with the secret shown as {@code <api_secret>}, to debug
 * "Invalid Signature" by hand.
 *
 * @author Signet developers
 */
public final class SignCommand {

	/** The first argument that selects this mode. */
	public static final String NAME = "sign";

	static final int OK = 0;

	static final int USAGE = 2;

	static final int CONFIGURATION = 3;

	private static final String USAGE_TEXT = """
			usage: java -jar signet.jar sign '<params JSON>' [--explain]
			       java -jar signet.jar sign - [--explain]        (params JSON on standard input)
			The secret comes from the CLOUDINARY_URL environment variable, never from the command line.
			A missing timestamp is set to the current UNIX time. Prints the signature; --explain also
			prints the string to sign, with the secret shown as <api_secret>.""";

	private SignCommand() {
	}

	/**
	 * Runs the command.
	 * @param args the arguments, {@code sign} first
	 * @param env the environment
	 * @param out standard output
	 * @param err standard error
	 * @return the exit code
	 */
	public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
		return run(args, env, System.in, out, err, Clock.systemUTC());
	}

	static int run(String[] args, Map<String, String> env, InputStream in, PrintStream out, PrintStream err,
			Clock clock) {
		boolean explain = false;
		String json = null;
		for (int i = 1; i < args.length; i++) {
			if (args[i].equals("--explain")) {
				explain = true;
			}
			else if (args[i].equals("--help") || args[i].equals("-h")) {
				out.println(USAGE_TEXT);
				return OK;
			}
			else if (json == null) {
				json = args[i];
			}
			else {
				err.println("Unexpected argument " + (i + 1) + ".");
				err.println(USAGE_TEXT);
				return USAGE;
			}
		}
		if (json == null) {
			err.println(USAGE_TEXT);
			return USAGE;
		}
		CloudinaryAccount account;
		try {
			account = KeyRing.parse("default", env.get("CLOUDINARY_URL"), "CLOUDINARY_URL", null).active();
		}
		catch (MalformedSettingException ex) {
			err.println(ex.getMessage());
			return CONFIGURATION;
		}
		Map<String, ParamValue> params;
		try {
			byte[] body = json.equals("-") ? in.readAllBytes() : json.getBytes(StandardCharsets.UTF_8);
			params = SignatureRequestReader.readParameters(body);
		}
		catch (Refusal ex) {
			err.println("Refused: " + ex.detail());
			return USAGE;
		}
		catch (IOException ex) {
			err.println("Could not read standard input.");
			return USAGE;
		}
		List<String> refused = new ArrayList<>();
		Map<String, String> toSign = new LinkedHashMap<>();
		params.forEach((name, value) -> {
			String reason = UploadPolicy.neverSignedReason(name);
			if (reason != null) {
				refused.add(name + " (" + reason + ")");
			}
			toSign.put(name, value.posted());
		});
		if (!refused.isEmpty()) {
			err.println("Refused: Cloudinary does not sign " + String.join("; ", refused));
			return USAGE;
		}
		String timestampNote = "";
		if (!toSign.containsKey("timestamp")) {
			toSign.put("timestamp", Long.toString(clock.instant().getEpochSecond()));
			timestampNote = " (added: none was given)";
		}
		else if (!toSign.get("timestamp").matches("[0-9]{10}")) {
			err.println("Refused: " + new ParameterProblem("timestamp", ParameterProblem.INVALID_VALUE,
					"must be a 10-digit UNIX time in seconds")
				.reason());
			return USAGE;
		}
		UploadSigner signer = account.signer();
		String stringToSign = UploadSigner.stringToSign(toSign, account.signatureVersion());
		String signature = signer.signStringToSign(stringToSign);
		if (!explain) {
			out.println(signature);
			return OK;
		}
		out.println("string to sign: " + stringToSign);
		out.println("hashed:         " + stringToSign + "<api_secret>");
		out.println("algorithm:      " + account.algorithm().configName() + ", signature version "
				+ account.signatureVersion());
		out.println("timestamp:      " + toSign.get("timestamp") + timestampNote);
		out.println("api_key:        " + account.apiKey());
		out.println("signature:      " + signature);
		return OK;
	}

}
