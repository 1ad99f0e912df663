package dev.signet.signing;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import dev.signet.access.Caller;
import dev.signet.cloudinary.ApiSecret;
import dev.signet.cloudinary.CloudinaryAccount;
import dev.signet.cloudinary.CloudinaryAccounts;
import dev.signet.cloudinary.KeyRing;
import dev.signet.cloudinary.SignatureAlgorithm;
import dev.signet.cloudinary.UploadSigner;
import dev.signet.refusal.ParameterProblem;
import dev.signet.refusal.Refusal;
import dev.signet.support.Profiles;
import dev.signet.web.ProblemStatuses;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Property tests over generated profiles and requests (fixed seed, so failures
 * reproduce): nothing outside a profile's allow-list is ever signed, no signature carries
 * a forced parameter with another value, every public ID from a namespace template stays
 * in the caller's namespace, and the response params always reproduce the signature.
 *
 * @author Signet developers
 */
class ProfilePropertyTests {

	private static final long SEED = 424242L;

	private static final int PROFILES = 40;

	private static final int REQUESTS = 250;

	private static final List<String> CANDIDATES = List.of("folder", "asset_folder", "public_id", "tags", "context",
			"display_name", "upload_preset", "use_filename", "unique_filename", "overwrite", "eval", "notification_url",
			"type", "eager", "invalidate", "timestamp", "api_key", "file", "caption", "source");

	private static final List<String> VALUES = List.of("a", "users/x", "../up", "x&y", "true", "false", "1",
			"tag1,tag2", "alt=hi|caption=there", "uw", "avatars", "u/other/1", " ", "é/ü", "https://evil.example",
			"a,b,c,d,e,f");

	private static final CloudinaryAccount ACCOUNT = new CloudinaryAccount("c", "1", ApiSecret.of("s3cr3t"),
			SignatureAlgorithm.SHA256, 2, CloudinaryAccount.DEFAULT_UPLOAD_PREFIX);

	private static final CloudinaryAccounts ACCOUNTS = new CloudinaryAccounts() {

		@Override
		public KeyRing keyRing(String name) {
			return new KeyRing(name, List.of(ACCOUNT), null);
		}

		@Override
		public Set<String> names() {
			return Set.of(CloudinaryAccounts.DEFAULT);
		}

	};

	@Test
	void signedParametersStayWithinProfileAndReproduceSignature() {
		Random random = new Random(SEED);
		int issued = 0;
		int refused = 0;
		for (int p = 0; p < PROFILES; p++) {
			Map<String, Object> config = new LinkedHashMap<>();
			config.put("signet.profiles.p.clients", "*");
			boolean namespacedId = random.nextBoolean();
			if (namespacedId) {
				config.put("signet.profiles.p.forced.public-id", "u/{ns}/{uuid}");
			}
			if (random.nextBoolean()) {
				config.put("signet.profiles.p.forced.folder", "users/{ns}");
			}
			Set<String> allowedNames = new HashSet<>();
			for (String name : List.of("tags", "context", "display_name", "upload_preset", "use_filename",
					"unique_filename", "overwrite", "asset_folder", "source")) {
				if (random.nextInt(3) > 0) {
					config.put("signet.profiles.p.allowed." + name.replace('_', '-') + ".kind",
							name.contains("filename") ? "boolean" : "text");
					if (name.equals("overwrite")) {
						config.put("signet.profiles.p.allowed.overwrite.values", "false");
					}
					allowedNames.add(name);
				}
			}
			if (!namespacedId && random.nextBoolean()) {
				config.put("signet.profiles.p.allowed.public-id.kind", "path");
				allowedNames.add("public_id");
			}
			SigningProfile profile = SigningProfiles.compile(Profiles.bind(config), UploadPolicy.dangerReasons())
				.get("p");
			UploadSignatures signatures = new UploadSignatures(ACCOUNTS, Clock.systemUTC(), Duration.ofMinutes(10));
			for (int r = 0; r < REQUESTS; r++) {
				Caller caller = Caller.ofApiKey("client" + random.nextInt(3), "user" + random.nextInt(5));
				Map<String, ParamValue> params = new LinkedHashMap<>();
				int count = random.nextInt(5);
				for (int i = 0; i < count; i++) {
					params.put(CANDIDATES.get(random.nextInt(CANDIDATES.size())),
							ParamValue.of(VALUES.get(random.nextInt(VALUES.size()))));
				}
				SignatureRequestReader.StampRequest request = new SignatureRequestReader.StampRequest(params,
						List.<ParameterProblem>of(), "image", "p", false,
						SignatureRequestReader.StampRequest.TIE_CONTEXT);
				SignatureResponse response;
				try {
					response = signatures.stamp(request, profile, caller).response();
				}
				catch (Refusal ex) {
					assertThat(ProblemStatuses.of(ex.reason())).isEqualTo(400);
					refused++;
					continue;
				}
				issued++;
				Map<String, String> signed = response.params();
				Map<String, String> forced = profile.forcedTemplates();
				for (String name : signed.keySet()) {
					assertThat(allowedNames.contains(name) || forced.containsKey(name) || name.equals("timestamp")
							|| name.equals("overwrite"))
						.as("signed %s outside the allow-list of %s", name, config)
						.isTrue();
				}
				for (String name : forced.keySet()) {
					assertThat(profile.matchesForced(name, signed.get(name), caller)).as(name).isTrue();
				}
				if (namespacedId) {
					assertThat(signed.get("public_id")).startsWith("u/" + caller.namespace() + "/");
				}
				if (signed.containsKey("overwrite")) {
					assertThat(signed.get("overwrite")).isIn("false", "0");
				}
				String again = new UploadSigner(ApiSecret.of("s3cr3t"), SignatureAlgorithm.SHA256, 2)
					.sign(new LinkedHashMap<>(signed));
				assertThat(again).isEqualTo(response.signature());
			}
		}
		assertThat(issued).isGreaterThan(500);
		assertThat(refused).isGreaterThan(500);
	}

	@Test
	void distinctCallersNeverShareANamespace() {
		Random random = new Random(SEED);
		Set<String> namespaces = new HashSet<>();
		List<String> subjects = new ArrayList<>();
		for (int i = 0; i < 50_000; i++) {
			String subject = Long.toHexString(random.nextLong()) + i;
			subjects.add(subject);
			namespaces.add(new Caller("app", "https://issuer.example", subject, Set.of(), false).namespace());
		}
		assertThat(namespaces).hasSize(subjects.size());
		assertThat(namespaces).allMatch((ns) -> ns.matches("[a-z2-7]{26}"));
	}

}
