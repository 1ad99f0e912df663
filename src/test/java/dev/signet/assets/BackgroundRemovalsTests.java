package dev.signet.assets;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;

import dev.signet.support.Eventually;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link BackgroundRemovals} with a real {@link HttpCloudinaryAdmin} against a
 * real HTTP server that checks destroy signatures as Cloudinary does.
 *
 * @author Signet developers
 */
class BackgroundRemovalsTests {

	private static final Duration PATIENCE = Duration.ofSeconds(10);

	private final Clock clock = Clock.systemUTC();

	private final AdminApiServer server;

	private final LocalUploadRecordStore store = new LocalUploadRecordStore(UploadRecordsTests.PROPERTIES, this.clock);

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final BackgroundRemovals removals;

	BackgroundRemovalsTests() throws IOException {
		this.server = new AdminApiServer();
		// One HTTP attempt per removal attempt: every failed call is a failed attempt.
		CloudinaryApiProperties properties = new CloudinaryApiProperties(Duration.ofSeconds(5), 1,
				Duration.ofMillis(10), Duration.ofMillis(40));
		HttpCloudinaryAdmin admin = new HttpCloudinaryAdmin(
				HttpCloudinaryAdminTests.accounts(this.server.prefix(), AdminApiServer.SECRET), properties, this.clock);
		this.removals = new BackgroundRemovals(admin, this.store, properties, this.meters);
	}

	@AfterEach
	void stop() {
		this.removals.close();
		this.server.close();
	}

	private UploadRecord stored(String id, String status, boolean removed) {
		long now = this.clock.instant().getEpochSecond();
		AssetFacts asset = new AssetFacts("asset-" + id, "avatars/" + id, "image", "upload", 1700000000L,
				"https://res.example.com/" + id + ".jpg", 5000, "jpg", 640, 480, null, null);
		UploadRecord record = new UploadRecord(id, "owner", "key:web", "avatars", "default", "image", null,
				UploadRecord.TIE_CONTEXT, null, null, new AssetRules(1000L, Set.of(), null, null, null, null), now,
				now + 600, status, asset, UploadRecord.REJECTED.equals(status) ? "too big" : null, removed);
		this.store.create(record);
		return record;
	}

	private double count(String outcome) {
		return this.meters.get(BackgroundRemovals.COUNTER).tag("outcome", outcome).counter().count();
	}

	private double pending() {
		return this.meters.get(BackgroundRemovals.PENDING).gauge().value();
	}

	private boolean removedInStore(String id) {
		UploadRecord record = this.store.find(id);
		return record != null && record.removed();
	}

	@Test
	void everyOutcomeAndThePendingGaugeAreRegisteredAtZero() {
		assertThat(count("removed")).isZero();
		assertThat(count("absent")).isZero();
		assertThat(count("failed_attempt")).isZero();
		assertThat(pending()).isZero();
	}

	@Test
	void aRejectedAssetIsDestroyedOnceAndTheRecordMarkedRemoved() {
		this.server.assets.put("avatars/a1", "asset-a1");
		UploadRecord record = stored("a1", UploadRecord.REJECTED, false);
		this.removals.remove(record);
		assertThat(Eventually.within(PATIENCE, () -> removedInStore("a1") && pending() == 0)).isTrue();
		assertThat(this.server.destroys).hasSize(1);
		assertThat(this.server.destroys.get(0)).containsEntry("public_id", "avatars/a1")
			.containsEntry("type", "upload")
			.containsEntry("invalidate", "true");
		assertThat(this.server.lookups).isEmpty();
		assertThat(count("removed")).isEqualTo(1);
		assertThat(count("absent")).isZero();
		assertThat(count("failed_attempt")).isZero();
		assertThat(this.store.find("a1").status()).isEqualTo(UploadRecord.REJECTED);
	}

	@Test
	void aRemovalAskedTwiceWhilePendingIsDoneOnce() {
		this.server.assets.put("avatars/a2", "asset-a2");
		this.server.failNext.set(1000);
		UploadRecord record = stored("a2", UploadRecord.REJECTED, false);
		this.removals.remove(record);
		this.removals.remove(record);
		assertThat(Eventually.within(PATIENCE, () -> count("failed_attempt") >= 1)).isTrue();
		assertThat(pending()).isEqualTo(1);
		this.server.failNext.set(0);
		assertThat(Eventually.within(PATIENCE, () -> removedInStore("a2") && pending() == 0)).isTrue();
		assertThat(this.server.destroys).hasSize(1);
		assertThat(count("removed")).isEqualTo(1);
	}

	@Test
	void aDestroyFailingTwiceIsRetriedUntilItSucceeds() {
		this.server.assets.put("avatars/a3", "asset-a3");
		this.server.failNext.set(2);
		this.removals.remove(stored("a3", UploadRecord.REJECTED, false));
		assertThat(Eventually.within(PATIENCE, () -> removedInStore("a3") && pending() == 0)).isTrue();
		assertThat(this.server.calls).hasValue(3);
		assertThat(this.server.destroys).hasSize(1);
		assertThat(count("failed_attempt")).isEqualTo(2);
		assertThat(count("removed")).isEqualTo(1);
	}

	@Test
	void thePendingGaugeCountsARemovalUntilCloudinaryAnswers() {
		this.server.assets.put("avatars/a4", "asset-a4");
		this.server.failNext.set(1000);
		this.removals.remove(stored("a4", UploadRecord.REJECTED, false));
		assertThat(Eventually.within(PATIENCE, () -> count("failed_attempt") >= 3)).isTrue();
		assertThat(pending()).isEqualTo(1);
		assertThat(this.removals.pending()).containsExactly("a4");
		assertThat(removedInStore("a4")).isFalse();
		this.server.failNext.set(0);
		assertThat(Eventually.within(PATIENCE, () -> pending() == 0)).isTrue();
		assertThat(removedInStore("a4")).isTrue();
		assertThat(this.removals.pending()).isEmpty();
	}

	@Test
	void anAssetCloudinaryDoesNotHaveCountsAbsentAndMarksTheRecordRemoved() {
		UploadRecord record = stored("a5", UploadRecord.REJECTED, false);
		this.removals.remove(record);
		assertThat(Eventually.within(PATIENCE, () -> removedInStore("a5") && pending() == 0)).isTrue();
		assertThat(this.server.destroys).hasSize(1);
		assertThat(count("absent")).isEqualTo(1);
		assertThat(count("removed")).isZero();
	}

	@Test
	void aRecordNoLongerRejectedOrAlreadyRemovedIsNotDestroyed() {
		this.server.assets.put("avatars/c1", "asset-c1");
		this.server.assets.put("avatars/r1", "asset-r1");
		UploadRecord complete = stored("c1", UploadRecord.COMPLETE, false);
		UploadRecord removed = stored("r1", UploadRecord.REJECTED, true);
		// Asked with a stale copy that says rejected: the store's record decides.
		this.removals.remove(new UploadRecord(complete.id(), complete.owner(), complete.caller(), complete.profile(),
				complete.account(), complete.resourceType(), complete.publicId(), complete.tie(),
				complete.declaredBytes(), complete.declaredType(), complete.rules(), complete.createdAt(),
				complete.expiresAt(), UploadRecord.REJECTED, complete.asset(), "too big", false));
		this.removals.remove(removed);
		assertThat(Eventually.within(PATIENCE, () -> pending() == 0)).isTrue();
		assertThat(this.server.calls).hasValue(0);
		assertThat(this.server.assets).containsKeys("avatars/c1", "avatars/r1");
		assertThat(this.store.find("c1").removed()).isFalse();
		assertThat(count("removed") + count("absent") + count("failed_attempt")).isZero();
	}

	@Test
	void aRecordPastItsRetentionEndsItsRetries() {
		this.server.failNext.set(1000);
		UploadRecord unknown = stored("gone", UploadRecord.REJECTED, false);
		LocalUploadRecordStore empty = new LocalUploadRecordStore(UploadRecordsTests.PROPERTIES, this.clock);
		CloudinaryApiProperties properties = new CloudinaryApiProperties(Duration.ofSeconds(5), 1,
				Duration.ofMillis(10), Duration.ofMillis(40));
		SimpleMeterRegistry own = new SimpleMeterRegistry();
		try (BackgroundRemovals other = new BackgroundRemovals(
				new HttpCloudinaryAdmin(HttpCloudinaryAdminTests.accounts(this.server.prefix(), AdminApiServer.SECRET),
						properties, this.clock),
				empty, properties, own)) {
			other.remove(unknown);
			assertThat(Eventually.within(PATIENCE, () -> other.pending().isEmpty())).isTrue();
		}
		assertThat(this.server.calls).hasValue(0);
		assertThat(own.get(BackgroundRemovals.COUNTER).tag("outcome", "failed_attempt").counter().count()).isZero();
	}

	@Test
	void closeStopsTheRetriesAndKeepsWhatIsPending() {
		this.server.failNext.set(1000);
		this.removals.remove(stored("a6", UploadRecord.REJECTED, false));
		assertThat(Eventually.within(PATIENCE, () -> count("failed_attempt") >= 1)).isTrue();
		this.removals.close();
		assertThat(this.removals.pending()).containsExactly("a6");
		this.removals.remove(stored("a7", UploadRecord.REJECTED, false));
		assertThat(this.removals.pending()).containsExactlyInAnyOrder("a6", "a7");
	}

}
