package dev.signet.bench;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import dev.signet.access.AuditTrail;
import dev.signet.access.Caller;
import dev.signet.access.ProfileCatalog;
import dev.signet.assets.AssetsProperties;
import dev.signet.assets.LocalUploadRecordStore;
import dev.signet.assets.UploadRecords;
import dev.signet.cloudinary.ApiSecret;
import dev.signet.cloudinary.CloudinaryAccount;
import dev.signet.cloudinary.CloudinaryAccounts;
import dev.signet.cloudinary.KeyRing;
import dev.signet.cloudinary.SignatureAlgorithm;
import dev.signet.cloudinary.UploadSigner;
import dev.signet.refusal.ParameterProblem;
import dev.signet.signing.ParamValue;
import dev.signet.signing.SignatureRequestReader;
import dev.signet.signing.SigningProfile;
import dev.signet.signing.SigningProfiles;
import dev.signet.signing.UploadPolicy;
import dev.signet.signing.UploadSignatures;
import dev.signet.support.Profiles;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * JMH microbenchmarks of the pieces of the signing path below HTTP: canonical string,
 * digest, JSON reading, policy check and the whole stamp. Run with {@code bench/jmh.sh}.
 *
 * @author Signet developers
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SigningBenchmarks {

	private static final byte[] BODY = ("{\"params\":{\"folder\":\"avatars\",\"public_id\":\"alice\","
			+ "\"tags\":[\"profile\",\"user\"],\"context\":\"alt=Alice\",\"display_name\":\"avatars\"}}")
		.getBytes(StandardCharsets.UTF_8);

	private Map<String, String> params;

	private String stringToSign;

	private UploadSigner sha1;

	private UploadSigner sha256;

	private SignatureRequestReader.StampRequest request;

	private SigningProfile profile;

	private UploadSignatures signatures;

	private UploadSignatures followed;

	private final Caller caller = Caller.ofApiKey("bench", null);

	@Setup
	public void setUp() {
		this.params = new LinkedHashMap<>();
		this.params.put("folder", "avatars");
		this.params.put("public_id", "alice");
		this.params.put("tags", "profile,user");
		this.params.put("context", "alt=Alice");
		this.params.put("display_name", "avatars");
		this.params.put("timestamp", "1764377000");
		this.stringToSign = UploadSigner.stringToSign(this.params, 2);
		this.sha1 = new UploadSigner(ApiSecret.of("benchSecret_1"), SignatureAlgorithm.SHA1, 2);
		this.sha256 = new UploadSigner(ApiSecret.of("benchSecret_1"), SignatureAlgorithm.SHA256, 2);
		this.request = SignatureRequestReader.readStampRequest(BODY);
		CloudinaryAccount account = new CloudinaryAccount("bench", "123", ApiSecret.of("benchSecret_1"),
				SignatureAlgorithm.SHA1, 2, CloudinaryAccount.DEFAULT_UPLOAD_PREFIX);
		CloudinaryAccounts accounts = new CloudinaryAccounts() {

			@Override
			public KeyRing keyRing(String name) {
				return new KeyRing(name, List.of(account), null);
			}

			@Override
			public Set<String> names() {
				return Set.of(CloudinaryAccounts.DEFAULT);
			}

		};
		SigningProfiles profiles = SigningProfiles.compile(Profiles.bind(Map.of()), UploadPolicy.dangerReasons());
		this.profile = profiles.get(ProfileCatalog.DEFAULT);
		this.signatures = new UploadSignatures(accounts, Clock.systemUTC(), Duration.ofMinutes(10));
		// Every upload followed, on the embedded store at its default bound: once full,
		// each signature also evicts the first signed record.
		AssetsProperties assets = new AssetsProperties(Duration.ofHours(24), 100_000, Duration.ofSeconds(30), 1000,
				Duration.ofMillis(500));
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		UploadRecords records = new UploadRecords(new LocalUploadRecordStore(assets, Clock.systemUTC()), null, null,
				null, null, new AuditTrail(meters, Clock.systemUTC()), meters, Clock.systemUTC(), assets);
		this.followed = new UploadSignatures(accounts, Clock.systemUTC(), Duration.ofMinutes(10), records, null);
	}

	@Benchmark
	public String canonicalString() {
		return UploadSigner.stringToSign(this.params, 2);
	}

	@Benchmark
	public String digestSha1() {
		return this.sha1.signStringToSign(this.stringToSign);
	}

	@Benchmark
	public String digestSha256() {
		return this.sha256.signStringToSign(this.stringToSign);
	}

	@Benchmark
	public SignatureRequestReader.StampRequest jsonRead() {
		return SignatureRequestReader.readStampRequest(BODY);
	}

	@Benchmark
	public Map<String, String> policyCheck() {
		List<ParameterProblem> problems = new ArrayList<>();
		Map<String, ParamValue> copy = new LinkedHashMap<>(this.request.params());
		return this.profile.policy().apply(copy, Map.of(), UploadPolicy.Mode.STAMPED, 2, problems);
	}

	@Benchmark
	public Object stampWholePathFollowed() {
		return this.followed.stamp(SignatureRequestReader.readStampRequest(BODY), this.profile, this.caller).response();
	}

	@Benchmark
	public Object stampWholePath() {
		return this.signatures.stamp(SignatureRequestReader.readStampRequest(BODY), this.profile, this.caller)
			.response();
	}

}
