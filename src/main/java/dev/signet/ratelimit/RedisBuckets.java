package dev.signet.ratelimit;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.distributed.proxy.optimization.Optimizations;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Buckets shared by all replicas in Redis (Bucket4j's Lettuce proxy manager: compare and
 * swap in Lua), behind a small circuit breaker. After {@code failureThreshold}
 * consecutive failures (errors or answers slower than the command timeout) the circuit
 * opens: the connection is dropped, {@link #source()} returns {@code null} so that
 * callers use per-replica buckets without waiting on Redis, and a background probe
 * connects and pings every {@code retryInterval}. The first successful probe closes the
 * circuit again (the half-open step is that probe, not a user request).
 *
 * @author Signet developers
 */
final class RedisBuckets implements AutoCloseable {

	private static final Log log = LogFactory.getLog(RedisBuckets.class);

	private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(1);

	/** Bucket proxies kept per replica; each is a few hundred bytes. */
	private static final int PROXIES = 10_000;

	/** Keys live until their bucket would be full again, plus this margin. */
	private static final Duration KEY_MARGIN = Duration.ofSeconds(10);

	private final RedisClient client;

	private final String keyPrefix;

	private final Duration timeout;

	private final int failureThreshold;

	private final Duration retryInterval;

	private final ScheduledExecutorService probes;

	private final AtomicInteger consecutiveFailures = new AtomicInteger();

	private volatile @Nullable Link link;

	private volatile @Nullable Instant degradedSince;

	private volatile @Nullable String lastFailure;

	private @Nullable ScheduledFuture<?> probe;

	RedisBuckets(RedisURI uri, String keyPrefix, int failureThreshold, Duration retryInterval) {
		this.keyPrefix = keyPrefix;
		this.timeout = uri.getTimeout();
		this.failureThreshold = failureThreshold;
		this.retryInterval = retryInterval;
		this.client = RedisClient.create(uri);
		this.client.setOptions(ClientOptions.builder()
			.autoReconnect(false)
			.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
			.socketOptions(SocketOptions.builder().connectTimeout(CONNECT_TIMEOUT).build())
			.timeoutOptions(TimeoutOptions.enabled(this.timeout))
			.build());
		this.probes = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "signet-ratelimit-redis-probe");
			thread.setDaemon(true);
			return thread;
		});
	}

	/**
	 * Connects, or starts degraded and probing when Redis does not answer.
	 */
	void start() {
		try {
			this.link = connect();
			log.info("Rate limits are shared through Redis");
		}
		catch (RuntimeException ex) {
			open(null, ex);
		}
	}

	/**
	 * The shared buckets, or {@code null} while the circuit is open.
	 * @return the source, or {@code null}
	 */
	@Nullable Shared source() {
		Link current = this.link;
		return (current != null) ? new Shared(current, this.keyPrefix) : null;
	}

	boolean degraded() {
		return this.link == null;
	}

	@Nullable Instant degradedSince() {
		return this.degradedSince;
	}

	@Nullable String lastFailure() {
		return this.lastFailure;
	}

	void succeeded() {
		this.consecutiveFailures.set(0);
	}

	/**
	 * Records a failed Redis operation; opens the circuit at the threshold.
	 * @param source the source that failed
	 * @param failure what went wrong
	 */
	void failed(Shared source, RuntimeException failure) {
		this.lastFailure = failure.getClass().getSimpleName();
		if (this.consecutiveFailures.incrementAndGet() >= this.failureThreshold) {
			open(source.link, failure);
		}
	}

	private synchronized void open(@Nullable Link failed, RuntimeException failure) {
		if (failed != null && this.link != failed) {
			return;
		}
		this.lastFailure = failure.getClass().getSimpleName();
		Link current = this.link;
		this.link = null;
		if (current != null) {
			current.connection().closeAsync();
		}
		if (this.degradedSince == null) {
			this.degradedSince = Instant.now();
			log.warn("Redis does not answer (" + failure.getClass().getSimpleName() + ": " + failure.getMessage()
					+ "); rate limits use per-replica shares until it does, retrying every " + this.retryInterval);
		}
		if (this.probe == null && !this.probes.isShutdown()) {
			long delay = this.retryInterval.toNanos();
			this.probe = this.probes.scheduleWithFixedDelay(this::probe, delay, delay, TimeUnit.NANOSECONDS);
		}
	}

	private void probe() {
		Link connected;
		try {
			connected = connect();
		}
		catch (RuntimeException ex) {
			this.lastFailure = ex.getClass().getSimpleName();
			return;
		}
		synchronized (this) {
			this.consecutiveFailures.set(0);
			this.link = connected;
			this.degradedSince = null;
			if (this.probe != null) {
				this.probe.cancel(false);
				this.probe = null;
			}
		}
		log.info("Redis answers again; rate limits are shared again");
	}

	private Link connect() {
		StatefulRedisConnection<String, byte[]> connection = this.client
			.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
		try {
			connection.setTimeout(this.timeout);
			connection.sync().ping();
			ProxyManager<String> proxies = Bucket4jLettuce.casBasedBuilder(connection)
				.expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(KEY_MARGIN))
				.requestTimeout(this.timeout)
				.build();
			Cache<String, Bucket> buckets = Caffeine.newBuilder()
				.maximumSize(PROXIES)
				.expireAfterAccess(Duration.ofMinutes(2))
				.build();
			return new Link(connection, proxies, buckets);
		}
		catch (RuntimeException ex) {
			connection.closeAsync();
			throw ex;
		}
	}

	@Override
	public void close() {
		this.probes.shutdownNow();
		Link current = this.link;
		this.link = null;
		if (current != null) {
			current.connection().close();
		}
		this.client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
	}

	private record Link(StatefulRedisConnection<String, byte[]> connection, ProxyManager<String> proxies,
			Cache<String, Bucket> buckets) {

	}

	/**
	 * The buckets of one live connection.
	 */
	static final class Shared implements BucketSource {

		private final Link link;

		private final String keyPrefix;

		private Shared(Link link, String keyPrefix) {
			this.link = link;
			this.keyPrefix = keyPrefix;
		}

		@Override
		public Policy effective(Policy policy) {
			return policy;
		}

		@Override
		public Bucket bucket(String key, Policy policy) {
			// One proxy per key and replica, so that concurrent requests for a hot bucket
			// (a client's, a profile's) go to Redis as one batch instead of competing
			// compare-and-swap attempts.
			return this.link.buckets()
				.get(this.keyPrefix + key,
						(redisKey) -> this.link.proxies()
							.builder()
							.withOptimization(Optimizations.batching())
							.build(redisKey, policy::configuration));
		}

		@Override
		public @Nullable Bucket existing(String key, Policy policy) {
			// Reading (the operator pages) must neither write a bucket into Redis nor
			// take
			// a place in the proxy cache of the signing path: ask whether the key exists,
			// and only then read it through a proxy of its own.
			String redisKey = this.keyPrefix + key;
			Bucket cached = this.link.buckets().getIfPresent(redisKey);
			if (cached != null) {
				return cached;
			}
			if (this.link.connection().sync().exists(redisKey) == 0) {
				return null;
			}
			return this.link.proxies().builder().build(redisKey, policy::configuration);
		}

	}

}
