package dev.signet.assets;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Removals} on a background executor of two daemon threads
 * ({@code signet-asset-removals}). Each attempt reads the record again and destroys its
 * asset only while it is still {@code rejected}, not yet {@code removed} and has an
 * asset; once Cloudinary confirms (or answers that it has nothing to destroy) the record
 * is marked {@code removed}. A failed attempt is retried after a wait that doubles from
 * {@code signet.cloudinary-api.backoff} up to
 * {@code signet.cloudinary-api.removal-backoff-max}, for as long as the process lives and
 * the record is retained. Counted as {@code signet.assets.removals{outcome}}
 * ({@code removed}, {@code absent}, {@code failed_attempt}), with the removals waiting in
 * {@code signet.assets.removals.pending}.
 *
 * @author Signet developers
 */
public final class BackgroundRemovals implements Removals, AutoCloseable {

	/** The metric counting removals and failed attempts. */
	public static final String COUNTER = "signet.assets.removals";

	/** The gauge of the removals not done yet. */
	public static final String PENDING = "signet.assets.removals.pending";

	private static final Logger logger = LoggerFactory.getLogger(BackgroundRemovals.class);

	/** The shortest wait between two attempts, when the configured backoff is zero. */
	private static final Duration SHORTEST_WAIT = Duration.ofMillis(1);

	private final CloudinaryAdmin admin;

	private final UploadRecordStore records;

	private final CloudinaryApiProperties properties;

	private final MeterRegistry meters;

	private final Set<String> pending = ConcurrentHashMap.newKeySet();

	private final ScheduledThreadPoolExecutor executor;

	private final Counter removed;

	private final Counter absent;

	private final Counter failedAttempts;

	/**
	 * Removals.
	 * @param admin destroys assets
	 * @param records marks records removed
	 * @param properties the backoff
	 * @param meters counts removals
	 */
	public BackgroundRemovals(CloudinaryAdmin admin, UploadRecordStore records, CloudinaryApiProperties properties,
			MeterRegistry meters) {
		this.admin = admin;
		this.records = records;
		this.properties = properties;
		this.meters = meters;
		this.removed = counter("removed");
		this.absent = counter("absent");
		this.failedAttempts = counter("failed_attempt");
		Gauge.builder(PENDING, this.pending, Set::size)
			.description("Removals of rejected assets not confirmed by Cloudinary yet")
			.register(this.meters);
		this.executor = new ScheduledThreadPoolExecutor(2, threads());
		this.executor.setRemoveOnCancelPolicy(true);
		this.executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
	}

	private Counter counter(String outcome) {
		return Counter.builder(COUNTER)
			.description("Removals of rejected assets by outcome, and failed attempts")
			.tag("outcome", outcome)
			.register(this.meters);
	}

	private static ThreadFactory threads() {
		AtomicInteger count = new AtomicInteger();
		return (runnable) -> {
			Thread thread = new Thread(runnable, "signet-asset-removals-" + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
	}

	@Override
	public void remove(UploadRecord record) {
		String id = record.id();
		if (this.pending.add(id)) {
			schedule(id, "the asset of upload " + id, () -> removeAsset(id), Duration.ZERO, this.properties.backoff());
		}
	}

	@Override
	public void removeExtra(UploadRecord record, AssetFacts asset) {
		String key = record.id() + "/" + asset.resourceType() + "/" + asset.type() + "/" + asset.publicId();
		if (this.pending.add(key)) {
			schedule(key, key, () -> removeExtraAsset(key, record.account(), asset), Duration.ZERO,
					this.properties.backoff());
		}
	}

	/**
	 * The upload ids whose removal is not done yet.
	 * @return the ids, a copy
	 */
	public List<String> pending() {
		return List.copyOf(this.pending);
	}

	// One removal, attempted after the delay and, while an attempt throws, again after a
	// wait that doubles; done (no longer pending) once an attempt returns.
	private void schedule(String key, String what, Runnable attempt, Duration delay, Duration wait) {
		try {
			this.executor.schedule(() -> run(key, what, attempt, wait), delay.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (RejectedExecutionException ex) {
			logger.debug("Removal of {} not scheduled: removals are closed", what);
		}
	}

	private void run(String key, String what, Runnable attempt, Duration wait) {
		try {
			attempt.run();
			this.pending.remove(key);
		}
		catch (RuntimeException ex) {
			this.failedAttempts.increment();
			logger.warn("Removal of {} failed ({}); next attempt in {}", what, describe(ex), wait);
			schedule(key, what, attempt, wait, next(wait));
		}
	}

	private void removeAsset(String id) {
		UploadRecord record = this.records.find(id);
		if (record == null) {
			logger.info("Upload {} is past its retention: its asset's removal ends", id);
			return;
		}
		AssetFacts asset = record.asset();
		if (!due(record) || asset == null) {
			return;
		}
		boolean destroyed = destroy(record.account(), asset);
		this.records.update(id, (current) -> due(current) ? removed(current) : current);
		(destroyed ? this.removed : this.absent).increment();
		logger.info("The asset of upload {} is {}", id, destroyed ? "destroyed" : "not at Cloudinary (already gone)");
	}

	// A second upload with one signature: its asset is destroyed as it is, the record
	// (which holds the first asset) is left alone.
	private void removeExtraAsset(String key, String account, AssetFacts asset) {
		boolean destroyed = destroy(account, asset);
		(destroyed ? this.removed : this.absent).increment();
		logger.info("The second asset of upload {} is {}", key,
				destroyed ? "destroyed" : "not at Cloudinary (already gone)");
	}

	// Whether Cloudinary destroyed the asset; false when it had nothing to destroy.
	private boolean destroy(String account, AssetFacts asset) {
		try {
			return this.admin.destroy(account, asset.resourceType(), asset.type(), asset.publicId());
		}
		catch (CloudinaryAdmin.NotFound ex) {
			return false;
		}
	}

	private Duration next(Duration wait) {
		Duration doubled = (wait.compareTo(SHORTEST_WAIT) < 0) ? SHORTEST_WAIT : wait.multipliedBy(2);
		Duration max = this.properties.removalBackoffMax();
		return (doubled.compareTo(max) > 0) ? max : doubled;
	}

	// Only the messages of Signet's own failures are known to hold no secret.
	private static String describe(RuntimeException ex) {
		if (ex instanceof CloudinaryAdmin.Unavailable || ex instanceof UploadRecordStore.Unavailable) {
			return ex.getMessage();
		}
		return ex.getClass().getName();
	}

	private static boolean due(@Nullable UploadRecord record) {
		return record != null && UploadRecord.REJECTED.equals(record.status()) && !record.removed();
	}

	private static UploadRecord removed(UploadRecord r) {
		return new UploadRecord(r.id(), r.owner(), r.caller(), r.profile(), r.account(), r.resourceType(), r.publicId(),
				r.tie(), r.declaredBytes(), r.declaredType(), r.rules(), r.createdAt(), r.expiresAt(), r.status(),
				r.asset(), r.reason(), true);
	}

	/**
	 * Stops the executor; the removals not done yet are logged (their upload ids) and end
	 * with the process.
	 */
	@Override
	public void close() {
		this.executor.shutdownNow();
		List<String> left = pending();
		if (!left.isEmpty()) {
			logger.warn("Stopped with {} asset removal(s) not done, of the uploads {}", left.size(), left);
		}
	}

}
