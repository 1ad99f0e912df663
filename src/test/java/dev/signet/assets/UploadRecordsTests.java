package dev.signet.assets;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import dev.signet.access.AuditTrail;
import dev.signet.access.Caller;
import dev.signet.cloudinary.ApiResponseSignature;
import dev.signet.cloudinary.CloudinaryAccount;
import dev.signet.cloudinary.CloudinaryAccounts;
import dev.signet.cloudinary.KeyRing;
import dev.signet.refusal.Reason;
import dev.signet.refusal.Refusal;
import dev.signet.support.MutableClock;
import dev.signet.support.TestAccounts;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * {@link UploadRecords} with the real in-process store.
 *
 * @author Signet developers
 */
class UploadRecordsTests {

	static final AssetsProperties PROPERTIES = new AssetsProperties(Duration.ofHours(1), 100, Duration.ofSeconds(5), 10,
			Duration.ofMillis(500));

	static final KeyRing RING = KeyRing.parse("default", TestAccounts.cloudinaryUrl(""), "CLOUDINARY_URL", null);

	static final CloudinaryAccounts ACCOUNTS = new CloudinaryAccounts() {

		@Override
		public KeyRing keyRing(String name) {
			if (!name.equals("default")) {
				throw new UnknownAccountException(name);
			}
			return RING;
		}

		@Override
		public Set<String> names() {
			return Set.of("default");
		}

	};

	// The upload's time, as Cloudinary answers it in version: when the clock starts.
	static final String VERSION = "1796299200";

	final MutableClock clock = new MutableClock(Instant.parse("2026-12-03T12:00:00Z"));

	final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	final CountingQuota quota = new CountingQuota();

	final List<UploadRecord> removed = new ArrayList<>();

	final List<AssetFacts> extras = new ArrayList<>();

	final FakeAdmin admin = new FakeAdmin();

	final Caller alice = Caller.ofApiKey("web", "alice");

	final Caller bob = Caller.ofApiKey("web", "bob");

	final AssetRules rules = new AssetRules(1000L, Set.of(), null, null, null, 1200L);

	UploadRecords records(UploadRecordStore store) {
		Removals removals = new Removals() {

			@Override
			public void remove(UploadRecord record) {
				UploadRecordsTests.this.removed.add(record);
			}

			@Override
			public void removeExtra(UploadRecord record, AssetFacts asset) {
				UploadRecordsTests.this.extras.add(asset);
			}

		};
		return new UploadRecords(store, this.quota, removals, this.admin, ACCOUNTS,
				new AuditTrail(this.meters, this.clock), this.meters, this.clock, PROPERTIES);
	}

	final UploadRecords records = records(new LocalUploadRecordStore(PROPERTIES, this.clock));

	UploadRecord issue(UploadRecords records, String tie, String publicId) {
		UploadRecord record = records.issue(records.newId(), this.alice, "avatars", "default", "image", publicId, tie,
				null, null, this.rules, this.clock.instant().getEpochSecond() + 600);
		this.admin.context = UploadRecord.TIE_CONTEXT.equals(tie) ? record.id() : null;
		return record;
	}

	static byte[] notification(String id, String publicId, long bytes) {
		String context = (id != null) ? ",\"context\":{\"custom\":{\"signet_upload_id\":\"" + id + "\"}}" : "";
		return ("{\"notification_type\":\"upload\",\"asset_id\":\"a1\",\"public_id\":\"" + publicId + "\",\"version\":"
				+ VERSION + ",\"resource_type\":\"image\",\"type\":\"upload\",\"bytes\":" + bytes
				+ ",\"format\":\"png\",\"width\":10,\"height\":20,\"secure_url\":\"https://res.example/x.png\""
				+ context + "}")
			.getBytes(StandardCharsets.UTF_8);
	}

	static byte[] response(String id, String publicId, String signature) {
		return ("{\"public_id\":\"" + publicId + "\",\"version\":" + VERSION + ",\"signature\":\"" + signature
				+ "\",\"resource_type\":\"image\",\"type\":\"upload\",\"context\":{\"custom\":{\"signet_upload_id\":\""
				+ id + "\"}}}")
			.getBytes(StandardCharsets.UTF_8);
	}

	static String signed(String publicId) {
		CloudinaryAccount key = RING.active();
		return ApiResponseSignature.compute(publicId, VERSION, key.secret(), key.algorithm());
	}

	@Test
	void newIdsAre32LowercaseHex() {
		assertThat(this.records.newId()).matches("[0-9a-f]{32}").isNotEqualTo(this.records.newId());
	}

	@Test
	void callersWhoseClaimsJoinToTheSameTextAreStillDifferentOwners() {
		Caller first = new Caller("d", "https://idp", "b\nc", Set.of(), false);
		Caller second = new Caller("c\nd", "https://idp", "b", Set.of(), false);
		UploadRecord record = this.records.issue(this.records.newId(), first, "avatars", "default", "image", null,
				UploadRecord.TIE_CONTEXT, null, null, this.rules, this.clock.instant().getEpochSecond() + 600);
		assertThat(this.records.find(second, record.id())).isNull();
		UploadRecord other = this.records.issue(this.records.newId(), second, "avatars", "default", "image", null,
				UploadRecord.TIE_CONTEXT, null, null, this.rules, this.clock.instant().getEpochSecond() + 600);
		assertThat(other.owner()).isNotEqualTo(record.owner());
		assertThat(other.caller()).isNotEqualTo(record.caller());
		assertThat(this.records.find(first, record.id())).isNotNull();
	}

	@Test
	void aRecordIsShownToItsOwnerOnly() {
		UploadRecord record = issue(this.records, UploadRecord.TIE_CONTEXT, null);
		assertThat(this.records.find(this.alice, record.id())).isNotNull()
			.extracting(UploadRecord::status)
			.isEqualTo(UploadRecord.ISSUED);
		assertThat(this.records.find(this.bob, record.id())).isNull();
		assertThat(this.records.find(this.alice, this.records.newId())).isNull();
		assertThat(record.caller()).isEqualTo("key:web/alice");
	}

	@Test
	void anIssuedRecordPastItsExpiryIsShownExpired() {
		UploadRecord record = issue(this.records, UploadRecord.TIE_CONTEXT, null);
		this.clock.advance(Duration.ofSeconds(601));
		assertThat(this.records.find(this.alice, record.id()).status()).isEqualTo(UploadRecord.EXPIRED);
	}

	@Test
	void aNotificationCompletesTheRecordItsContextNames() {
		UploadRecord record = issue(this.records, UploadRecord.TIE_CONTEXT, null);
		Arrival arrival = this.records.arrived("default", notification(record.id(), "random123", 500),
				"application/json");
		assertThat(arrival).isEqualTo(new Arrival(record.id(), "key:web/alice", "avatars", Arrival.ACCEPTED, null));
		UploadRecord after = this.records.find(this.alice, record.id());
		assertThat(after.status()).isEqualTo(UploadRecord.COMPLETE);
		assertThat(after.asset().assetId()).isEqualTo("a1");
		assertThat(after.asset().bytes()).isEqualTo(500);
	}

	@Test
	void aNotificationCompletesTheRecordTiedByItsPublicId() {
		UploadRecord record = issue(this.records, UploadRecord.TIE_PUBLIC_ID, "users/alice/p1");
		Arrival arrival = this.records.arrived("default", notification(null, "users/alice/p1", 500), null);
		assertThat(arrival.uploadId()).isEqualTo(record.id());
		assertThat(this.records.arrived("other", notification(null, "users/alice/p1", 500), null)).isNull();
	}

	@Test
	void aFormEncodedNotificationIsReadToo() {
		UploadRecord record = issue(this.records, UploadRecord.TIE_CONTEXT, null);
		String form = "notification_type=upload&public_id=p&bytes=10&format=png&context%5Bcustom%5D%5Bsignet_upload_id%5D="
				+ record.id();
		assertThat(this.records.arrived("default", form.getBytes(StandardCharsets.UTF_8),
				"application/x-www-form-urlencoded"))
			.extracting(Arrival::uploadId)
			.isEqualTo(record.id());
	}

	@Test
	void aNotificationOfAnotherKindOrUntiedIsNotAnUploadSignetSigned() {
		assertThat(this.records.arrived("default", notification(null, "nobody", 5), null)).isNull();
		assertThat(this.records.arrived("default",
				"{\"notification_type\":\"eager\",\"public_id\":\"x\"}".getBytes(StandardCharsets.UTF_8), null))
			.isNull();
		assertThat(this.records.arrived("default", "not json".getBytes(StandardCharsets.UTF_8), null)).isNull();
	}

	@Test
	void aRepeatedNotificationAnswersTheSameArrivalAndCountsOnce() {
		UploadRecord record = issue(this.records, UploadRecord.TIE_CONTEXT, null);
		Arrival first = this.records.arrived("default", notification(record.id(), "p", 500), null);
		Arrival again = this.records.arrived("default", notification(record.id(), "p", 5000), null);
		assertThat(again).isEqualTo(first);
		assertThat(this.quota.calls).isEqualTo(1);
		assertThat(this.meters
			.counter("signet.uploads.judged", "profile", "avatars", "verdict", "accepted", "source", "notification")
			.count()).isEqualTo(1);
	}

	@Test
	void oneCallerHoldsAtMostItsShareOfWaitsAndOthersStillWait() {
		AssetsProperties roomy = new AssetsProperties(Duration.ofHours(1), 100, Duration.ofSeconds(5), 1000,
				Duration.ofMillis(500));
		UploadRecords records = new UploadRecords(new LocalUploadRecordStore(roomy, this.clock), this.quota, null,
				this.admin, ACCOUNTS, new AuditTrail(this.meters, this.clock), this.meters, this.clock, roomy);
		List<java.util.concurrent.CompletableFuture<UploadRecord>> held = new ArrayList<>();
		for (int i = 0; i <= UploadRecords.MAX_WAITERS_PER_CALLER; i++) {
			UploadRecord record = issue(records, UploadRecord.TIE_CONTEXT, null);
			held.add(records.await(this.alice, record.id(), Duration.ofSeconds(5)));
		}
		assertThat(held.subList(0, UploadRecords.MAX_WAITERS_PER_CALLER))
			.noneMatch(java.util.concurrent.CompletableFuture::isDone);
		assertThat(held.get(UploadRecords.MAX_WAITERS_PER_CALLER)).as("over the caller's share").isDone();
		UploadRecord bobs = records.issue(records.newId(), this.bob, "avatars", "default", "image", null,
				UploadRecord.TIE_CONTEXT, null, null, this.rules, this.clock.instant().getEpochSecond() + 600);
		java.util.concurrent.CompletableFuture<UploadRecord> other = records.await(this.bob, bobs.id(),
				Duration.ofSeconds(5));
		assertThat(other).as("another caller").isNotDone();
		held.get(0).cancel(false);
		UploadRecord again = issue(records, UploadRecord.TIE_CONTEXT, null);
		assertThat(records.await(this.alice, again.id(), Duration.ofSeconds(5))).as("a share freed").isNotDone();
		other.cancel(false);
		held.forEach((f) -> f.cancel(false));
	}

	@Test
	void aSecondUploadWithTheSameSignatureIsJudgedOnItsOwnAndRemovedWhenItBreaksARule() {
		UploadRecord record = issue(this.records, UploadRecord.TIE_CONTEXT, null);
		Arrival first = this.records.arrived("default", notification(record.id(), "p", 500), null);
		assertThat(first.verdict()).isEqualTo(Arrival.ACCEPTED);
		byte[] second = new String(notification(record.id(), "q", 5000), StandardCharsets.UTF_8)
			.replace("\"asset_id\":\"a1\"", "\"asset_id\":\"a2\"")
			.getBytes(StandardCharsets.UTF_8);
		Arrival again = this.records.arrived("default", second, null);
		assertThat(again.verdict()).isEqualTo(Arrival.REJECTED);
		assertThat(again.reason()).contains("second upload").contains("5000");
		assertThat(this.extras).singleElement().satisfies((a) -> assertThat(a.publicId()).isEqualTo("q"));
		assertThat(this.removed).isEmpty();
		UploadRecord after = this.records.find(this.alice, record.id());
		assertThat(after.status()).isEqualTo(UploadRecord.COMPLETE);
		assertThat(after.asset().assetId()).isEqualTo("a1");
	}

	@Test
	void aPullWithAnotherUploadsResponseWhoseContextWasEditedIsRefused() {
		UploadRecord mine = issue(this.records, UploadRecord.TIE_CONTEXT, null);
		UploadRecord other = issue(this.records, UploadRecord.TIE_CONTEXT, null);
		// Cloudinary holds the other upload's id in the asset's context; the body says
		// mine.
		this.admin.context = other.id();
		assertThatThrownBy(() -> this.records.complete(this.alice, mine.id(), response(mine.id(), "p", signed("p"))))
			.isInstanceOfSatisfying(Refusal.class,
					(r) -> assertThat(r.reason()).isEqualTo(Reason.UPLOAD_RESPONSE_MISMATCH));
		assertThat(this.records.find(this.alice, mine.id()).status()).isEqualTo(UploadRecord.ISSUED);
		assertThat(this.removed).isEmpty();
	}

	@Test
	void aPullNamingAnotherAssetOfTheSamePublicIdJudgesAndRemovesNothing() {
		UploadRecord record = issue(this.records, UploadRecord.TIE_CONTEXT, null);
		// Another asset of that public id (another resource type or delivery type,
		// uploaded
		// earlier): the Admin API answers its version, not the signed one.
		this.admin.facts = new AssetFacts("victim", "p", "image", "upload", Long.parseLong(VERSION) - 86_400, null,
				5000, "png", null, null, null, null);
		assertThatThrownBy(
				() -> this.records.complete(this.alice, record.id(), response(record.id(), "p", signed("p"))))
			.isInstanceOfSatisfying(Refusal.class,
					(r) -> assertThat(r.reason()).isEqualTo(Reason.UPLOAD_RESPONSE_MISMATCH));
		assertThat(this.removed).isEmpty();
		assertThat(this.records.find(this.alice, record.id()).status()).isEqualTo(UploadRecord.ISSUED);
	}

	@Test
	void aPullWhoseResourceTypeIsNoneOfCloudinarysIsRefusedBeforeTheAdminApi() {
		UploadRecord record = issue(this.records, UploadRecord.TIE_CONTEXT, null);
		byte[] body = new String(response(record.id(), "p", signed("p")), StandardCharsets.UTF_8)
			.replace("\"resource_type\":\"image\"", "\"resource_type\":\"image/upload/other\"")
			.getBytes(StandardCharsets.UTF_8);
		assertThatThrownBy(() -> this.records.complete(this.alice, record.id(), body)).isInstanceOfSatisfying(
				Refusal.class, (r) -> assertThat(r.reason()).isEqualTo(Reason.UPLOAD_RESPONSE_INVALID));
		assertThat(this.admin.calls).isZero();
	}

	@Test
	void anEscapedPipeInAFlatFormContextNeverStartsAnEntry() {
		assertThat(UploadRecords.contextEntries("n=x\\|signet_upload_id=abc|alt=A\\=B"))
			.containsExactly(java.util.Map.entry("n", "x|signet_upload_id=abc"), java.util.Map.entry("alt", "A=B"));
	}

	@Test
	void anAssetBreakingARuleIsRejectedAndRemovedOnce() {
		UploadRecord record = issue(this.records, UploadRecord.TIE_CONTEXT, null);
		Arrival arrival = this.records.arrived("default", notification(record.id(), "p", 5000), null);
		this.records.arrived("default", notification(record.id(), "p", 5000), null);
		assertThat(arrival.verdict()).isEqualTo(Arrival.REJECTED);
		assertThat(arrival.reason()).contains("5000 bytes").contains("at most 1000");
		assertThat(this.removed).hasSize(1);
		assertThat(this.removed.get(0).id()).isEqualTo(record.id());
		UploadRecord after = this.records.find(this.alice, record.id());
		assertThat(after.status()).isEqualTo(UploadRecord.REJECTED);
		assertThat(after.reason()).isEqualTo(arrival.reason());
		assertThat(this.quota.calls).isZero();
	}

	@Test
	void theUploadCrossingTheQuotaIsKeptAndTheNextSignatureRefused() {
		this.records.checkQuota(this.alice, "avatars", this.rules);
		UploadRecord first = issue(this.records, UploadRecord.TIE_CONTEXT, null);
		this.records.arrived("default", notification(first.id(), "p1", 900), null);
		this.records.checkQuota(this.alice, "avatars", this.rules);
		UploadRecord second = issue(this.records, UploadRecord.TIE_CONTEXT, null);
		assertThat(this.records.arrived("default", notification(second.id(), "p2", 900), null).verdict())
			.isEqualTo(Arrival.ACCEPTED);
		Refusal refusal = catchThrowableOfType(Refusal.class,
				() -> this.records.checkQuota(this.alice, "avatars", this.rules));
		assertThat(refusal.reason()).isEqualTo(Reason.RATE_LIMITED);
		assertThat(refusal.properties()).containsEntry("limit", "max-bytes-per-day");
		assertThat(refusal.retryAfterSeconds()).isEqualTo(12 * 3600);
		this.records.checkQuota(this.bob, "avatars", this.rules);
	}

	@Test
	void aPullWithAResponseSignedByCloudinaryCompletesFromTheAdminApi() {
		UploadRecord record = issue(this.records, UploadRecord.TIE_CONTEXT, null);
		this.admin.facts = new AssetFacts("a9", "p", "image", "upload", Long.parseLong(VERSION), "https://x", 400,
				"png", 1, 1, null, null);
		UploadRecord after = this.records.complete(this.alice, record.id(), response(record.id(), "p", signed("p")));
		assertThat(after.status()).isEqualTo(UploadRecord.COMPLETE);
		assertThat(after.asset().assetId()).isEqualTo("a9");
	}

	@Test
	void aPullOfAnUploadMadeBeforeTheSignatureIsRefusedWhateverItsUnsignedContextSays() {
		this.clock.advance(Duration.ofHours(2));
		UploadRecord record = issue(this.records, UploadRecord.TIE_CONTEXT, null);
		assertThatThrownBy(
				() -> this.records.complete(this.alice, record.id(), response(record.id(), "p", signed("p"))))
			.isInstanceOfSatisfying(Refusal.class,
					(r) -> assertThat(r.reason()).isEqualTo(Reason.UPLOAD_RESPONSE_MISMATCH));
		assertThat(this.admin.calls).isZero();
		assertThat(this.records.find(this.alice, record.id()).status()).isEqualTo(UploadRecord.ISSUED);
	}

	@Test
	void aPullWithABadResponseSignatureIsRefused() {
		UploadRecord record = issue(this.records, UploadRecord.TIE_CONTEXT, null);
		assertThatThrownBy(
				() -> this.records.complete(this.alice, record.id(), response(record.id(), "p", "0".repeat(40))))
			.isInstanceOfSatisfying(Refusal.class,
					(r) -> assertThat(r.reason()).isEqualTo(Reason.UPLOAD_RESPONSE_INVALID));
		assertThat(this.admin.calls).isZero();
	}

	@Test
	void aPullOfAForeignRecordIsNotFound() {
		UploadRecord record = issue(this.records, UploadRecord.TIE_CONTEXT, null);
		assertThatThrownBy(() -> this.records.complete(this.bob, record.id(), response(record.id(), "p", signed("p"))))
			.isInstanceOfSatisfying(Refusal.class, (r) -> assertThat(r.reason()).isEqualTo(Reason.UPLOAD_NOT_FOUND));
	}

	@Test
	void aPullOfAnotherUploadsResponseIsRefused() {
		UploadRecord record = issue(this.records, UploadRecord.TIE_CONTEXT, null);
		assertThatThrownBy(
				() -> this.records.complete(this.alice, record.id(), response(this.records.newId(), "p", signed("p"))))
			.isInstanceOfSatisfying(Refusal.class,
					(r) -> assertThat(r.reason()).isEqualTo(Reason.UPLOAD_RESPONSE_MISMATCH));
	}

	@Test
	void aPullWhileTheAdminApiIsDownIs503AndLeavesTheRecordIssued() {
		UploadRecord record = issue(this.records, UploadRecord.TIE_CONTEXT, null);
		this.admin.down = true;
		Refusal refusal = catchThrowableOfType(Refusal.class,
				() -> this.records.complete(this.alice, record.id(), response(record.id(), "p", signed("p"))));
		assertThat(refusal.reason()).isEqualTo(Reason.CLOUDINARY_UNAVAILABLE);
		assertThat(refusal.retryAfterSeconds()).isPositive();
		assertThat(this.records.find(this.alice, record.id()).status()).isEqualTo(UploadRecord.ISSUED);
		assertThat(this.removed).isEmpty();
	}

	@Test
	void aPullOfAnAssetCloudinaryDoesNotHaveIsRefused() {
		UploadRecord record = issue(this.records, UploadRecord.TIE_CONTEXT, null);
		this.admin.facts = null;
		assertThatThrownBy(
				() -> this.records.complete(this.alice, record.id(), response(record.id(), "p", signed("p"))))
			.isInstanceOfSatisfying(Refusal.class, (r) -> assertThat(r.reason()).isEqualTo(Reason.ASSET_NOT_FOUND));
	}

	@Test
	void aWaitIsWokenByTheArrival() throws Exception {
		UploadRecord record = issue(this.records, UploadRecord.TIE_CONTEXT, null);
		CompletableFuture<UploadRecord> waiting = this.records.await(this.alice, record.id(), Duration.ofSeconds(30));
		assertThat(waiting).isNotDone();
		this.records.arrived("default", notification(record.id(), "p", 500), null);
		assertThat(waiting.get(10, TimeUnit.SECONDS).status()).isEqualTo(UploadRecord.COMPLETE);
	}

	@Test
	void aWaitOfAForeignRecordAnswersNothingAtOnce() {
		UploadRecord record = issue(this.records, UploadRecord.TIE_CONTEXT, null);
		assertThat(this.records.await(this.bob, record.id(), Duration.ofSeconds(30))).isCompletedWithValue(null);
	}

	static final class CountingQuota implements ByteQuota {

		final Map<String, Long> used = new ConcurrentHashMap<>();

		final Set<String> counted = ConcurrentHashMap.newKeySet();

		int calls;

		@Override
		public synchronized long add(String owner, String profile, long epochDay, String uploadId, long bytes) {
			this.calls++;
			String key = owner + profile + epochDay;
			if (this.counted.add(uploadId)) {
				this.used.merge(key, bytes, Long::sum);
			}
			return this.used.getOrDefault(key, 0L);
		}

		@Override
		public long used(String owner, String profile, long epochDay) {
			return this.used.getOrDefault(owner + profile + epochDay, 0L);
		}

	}

	static final class FakeAdmin implements CloudinaryAdmin {

		volatile AssetFacts facts = new AssetFacts("a1", "p", "image", "upload", Long.parseLong(VERSION), null, 10,
				"png", null, null, null, null);

		// The signet_upload_id Cloudinary holds in the asset's context.
		volatile String context;

		volatile boolean down;

		volatile int calls;

		@Override
		public AssetFacts resource(String account, String resourceType, String type, String publicId) {
			this.calls++;
			if (this.down) {
				throw new Unavailable("down");
			}
			if (this.facts == null) {
				throw new NotFound(publicId);
			}
			AssetFacts f = this.facts;
			return new AssetFacts(f.assetId(), f.publicId(), f.resourceType(), f.type(), f.version(), f.secureUrl(),
					f.bytes(), f.format(), f.width(), f.height(), f.duration(), this.context);
		}

		@Override
		public boolean destroy(String account, String resourceType, String type, String publicId) {
			return true;
		}

	}

}
