package dev.signet.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * A small open-loop load generator for tests: sends signing requests to 127.0.0.1 at a
 * fixed rate for a bounded time, whatever the latency, and counts statuses and connection
 * failures. At most {@link #MAX_IN_FLIGHT} requests are outstanding.
 *
 * @author Signet developers
 */
public final class LoadClient {

	/** Requests outstanding at most; beyond that a tick counts as dropped. */
	public static final int MAX_IN_FLIGHT = 256;

	private static final String BODY = "{\"params\": {\"folder\": \"load\", \"tags\": [\"a\", \"b\"]}}";

	private final ExecutorService executor = Executors.newFixedThreadPool(8);

	private final HttpClient client = HttpClient.newBuilder()
		.executor(this.executor)
		.connectTimeout(Duration.ofSeconds(2))
		.build();

	private final URI uri;

	private final Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();

	private final LongAdder connectionFailures = new LongAdder();

	private final LongAdder dropped = new LongAdder();

	private final AtomicInteger inFlight = new AtomicInteger();

	private final AtomicLong maxLatencyNanos = new AtomicLong();

	private final LongAdder sent = new LongAdder();

	public LoadClient(int port) {
		this.uri = URI.create("http://127.0.0.1:" + port + "/v1/signatures");
	}

	/**
	 * Sends requests at a fixed rate and waits for the last answers.
	 * @param perSecond requests per second
	 * @param duration how long to send
	 * @return the result of this run
	 */
	public Result run(int perSecond, Duration duration) {
		this.statuses.clear();
		this.connectionFailures.reset();
		this.dropped.reset();
		this.sent.reset();
		this.maxLatencyNanos.set(0);
		ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
		long periodMicros = 1_000_000L / perSecond;
		ticker.scheduleAtFixedRate(this::fire, 0, periodMicros, TimeUnit.MICROSECONDS);
		try {
			Thread.sleep(duration.toMillis());
			ticker.shutdownNow();
			ticker.awaitTermination(5, TimeUnit.SECONDS);
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
			while (this.inFlight.get() > 0 && System.nanoTime() < deadline) {
				Thread.sleep(10);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		Map<Integer, Long> counts = new java.util.TreeMap<>();
		this.statuses.forEach((status, count) -> counts.put(status, count.sum()));
		return new Result(this.sent.sum(), counts, this.connectionFailures.sum(), this.dropped.sum(),
				Duration.ofNanos(this.maxLatencyNanos.get()));
	}

	private void fire() {
		if (this.inFlight.incrementAndGet() > MAX_IN_FLIGHT) {
			this.inFlight.decrementAndGet();
			this.dropped.increment();
			return;
		}
		this.sent.increment();
		long start = System.nanoTime();
		HttpRequest request = HttpRequest.newBuilder(this.uri)
			.timeout(Duration.ofSeconds(10))
			.header("Content-Type", "application/json")
			.header("X-Api-Key", TestAccounts.CLIENT_KEY)
			.POST(HttpRequest.BodyPublishers.ofString(BODY))
			.build();
		this.client.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, failure) -> {
			if (failure != null) {
				this.connectionFailures.increment();
			}
			else {
				this.statuses.computeIfAbsent(response.statusCode(), (k) -> new LongAdder()).increment();
			}
			this.maxLatencyNanos.accumulateAndGet(System.nanoTime() - start, Math::max);
			this.inFlight.decrementAndGet();
		});
	}

	/**
	 * Stops the client's threads.
	 */
	public void close() {
		this.executor.shutdownNow();
	}

	/**
	 * The outcome of a run.
	 *
	 * @param sent requests sent
	 * @param statuses responses by status
	 * @param connectionFailures requests that got no HTTP response (refused or closed
	 * connections, timeouts)
	 * @param dropped ticks skipped because too many requests were outstanding
	 * @param maxLatency the slowest request
	 */
	public record Result(long sent, Map<Integer, Long> statuses, long connectionFailures, long dropped,
			Duration maxLatency) {

		public long count(int fromStatus, int toStatus) {
			return this.statuses.entrySet()
				.stream()
				.filter((e) -> e.getKey() >= fromStatus && e.getKey() <= toStatus)
				.mapToLong(Map.Entry::getValue)
				.sum();
		}

	}

}
