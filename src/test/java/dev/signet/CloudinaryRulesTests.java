package dev.signet;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import dev.signet.cli.SignCommand;
import dev.signet.cloudinary.UploadParameters;
import dev.signet.cloudinary.UploadSigner;
import dev.signet.diagnostics.SignatureDiagnosis;
import dev.signet.refusal.ParameterProblem;
import dev.signet.signing.ParamValue;
import dev.signet.signing.UploadPolicy;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that Cloudinary's signing rules live in one place: the signing policy, the
 * diagnosis and the {@code sign} command use the never-signed list and the string to sign
 * of {@code dev.signet.cloudinary} ({@code ArchitectureTests} checks that the package
 * imports nothing from Spring or from the rest of Signet).
 *
 * @author Signet developers
 */
class CloudinaryRulesTests {

	/** What Signet refuses on top of Cloudinary's rule, for reasons of its own. */
	private static final Set<String> SIGNETS_OWN_REFUSALS = Set.of("api_secret", "signature_algorithm",
			"signature_version", "unsigned", "version");

	private static final String TIMESTAMP = "1709830648";

	@Test
	void neverSignedNamesAreTheDocumentedOnes() {
		assertThat(UploadParameters.NEVER_SIGNED).containsExactly("file", "api_key", "signature", "cloud_name",
				"resource_type");
	}

	@Test
	void signingPolicyRefusesExactlyCloudinarysNeverSignedNamesPlusSignetsOwn() {
		Set<String> refused = new UploadPolicy(Map.of(), Map.of()).refusedReasons().keySet();
		Set<String> expected = new LinkedHashSet<>(UploadParameters.NEVER_SIGNED);
		expected.addAll(SIGNETS_OWN_REFUSALS);
		assertThat(refused).containsExactlyInAnyOrderElementsOf(expected);
		for (String name : UploadParameters.NEVER_SIGNED) {
			assertThat(UploadPolicy.neverSignedReason(name)).as(name).isNotBlank();
		}
	}

	@Test
	void signingPolicyRefusesNeverSignedNamesEvenWhenAProfileWouldAllowThem() {
		for (String name : UploadParameters.NEVER_SIGNED) {
			UploadPolicy policy = new UploadPolicy(Map.of(), Map.of());
			List<ParameterProblem> problems = new ArrayList<>();
			Map<String, String> signed = policy.apply(Map.of(name, new ParamValue("x", null)), Map.of(),
					UploadPolicy.Mode.WIDGET, 2, problems);
			assertThat(signed).as(name).doesNotContainKey(name);
			assertThat(problems).as(name)
				.singleElement()
				.satisfies((problem) -> assertThat(problem.reason()).startsWith("never signed: "));
		}
	}

	@Test
	void diagnosisFlagsExactlyCloudinarysNeverSignedNames() {
		SignatureDiagnosis diagnosis = new SignatureDiagnosis(Clock.systemUTC());
		for (String name : UploadParameters.NEVER_SIGNED) {
			SignatureDiagnosis.Result result = diagnose(diagnosis, Map.of(name, "x", "timestamp", TIMESTAMP));
			assertThat(result.hints()).as(name).anyMatch((hint) -> hint.startsWith(name + " is never part"));
			assertThat(result.signedStringToSign()).as(name).isEqualTo("timestamp=" + TIMESTAMP);
		}
		for (String name : SIGNETS_OWN_REFUSALS) {
			SignatureDiagnosis.Result result = diagnose(diagnosis, Map.of(name, "x", "timestamp", TIMESTAMP));
			assertThat(result.hints()).as(name).noneMatch((hint) -> hint.contains("is never part"));
		}
	}

	@Test
	void diagnosisShowsTheSignersStringToSign() {
		Map<String, String> params = new LinkedHashMap<>();
		params.put("timestamp", TIMESTAMP);
		params.put("context", "caption=Tom & Jerry|alt=100%");
		params.put("Zeta", "upper case sorts first");
		params.put("folder", "");
		params.put("tags", "a,b");
		params.put("api_key", "123");
		SignatureDiagnosis.Result result = diagnose(new SignatureDiagnosis(Clock.systemUTC()), params);
		Map<String, String> signed = new TreeMap<>(params);
		signed.keySet().removeAll(UploadParameters.NEVER_SIGNED);
		assertThat(result.signedStringToSign()).isEqualTo(UploadSigner.stringToSign(signed, 2))
			.isEqualTo("Zeta=upper case sorts first&context=caption=Tom %26 Jerry|alt=100%&tags=a,b&timestamp="
					+ TIMESTAMP);
	}

	@Test
	void signCommandExplainsTheSignersStringToSign() {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int code = SignCommand.run(
				new String[] { "sign", "--explain",
						"{\"context\": \"a=1&b=2\", \"tags\": [\"x\", \"y\"], \"timestamp\": " + TIMESTAMP + "}" },
				Map.of("CLOUDINARY_URL", "cloudinary://123:abcd@demo"), print(out), print(err));
		assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
		Map<String, String> params = Map.of("context", "a=1&b=2", "tags", "x,y", "timestamp", TIMESTAMP);
		assertThat(out.toString(StandardCharsets.UTF_8))
			.contains("string to sign: " + UploadSigner.stringToSign(params, 2) + "\n");
	}

	private static SignatureDiagnosis.Result diagnose(SignatureDiagnosis diagnosis, Map<String, String> params) {
		return diagnosis.diagnose("Invalid Signature abc. String to sign - 'timestamp=" + TIMESTAMP + "'.", params,
				null);
	}

	private static PrintStream print(ByteArrayOutputStream bytes) {
		return new PrintStream(bytes, true, StandardCharsets.UTF_8);
	}

}
