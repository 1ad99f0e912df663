package dev.signet.notification;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Forwards accepted notifications to the internal URL, retrying with exponential backoff
 * and jitter. A notification is never dropped silently: one that still fails after the
 * last attempt, or that is pending at shutdown after the grace period, is logged at ERROR
 * with its id, counted in {@code signet.notifications.forward.failed} and, when a
 * dead-letter directory is set, written there for a manual replay.
 *
 * @author Signet developers
 */
class NotificationForwarder implements AutoCloseable {

	private static final Log log = LogFactory.getLog(NotificationForwarder.class);

	private final URI target;

	private final NotificationProperties.Forward policy;

	private final HttpClient client;

	private final ScheduledThreadPoolExecutor executor;

	private final Map<String, Attempt> pending = new ConcurrentHashMap<>();

	private final Counter forwarded;

	private final Counter retried;

	private final MeterRegistry meters;

	private final @Nullable ForwardSignature signature;

	NotificationForwarder(URI target, NotificationProperties.Forward policy, MeterRegistry meters) {
		this.target = target;
		this.signature = (policy.signingKey() != null) ? new ForwardSignature(policy.signingKey()) : null;
		this.policy = policy;
		this.meters = meters;
		this.client = HttpClient.newBuilder()
			.connectTimeout(policy.timeout())
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
		AtomicInteger threads = new AtomicInteger();
		this.executor = new ScheduledThreadPoolExecutor(policy.threads(), (task) -> {
			Thread thread = new Thread(task, "signet-notification-forward-" + threads.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
		this.executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
		this.forwarded = Counter.builder("signet.notifications.forwarded")
			.description("Notifications delivered to the internal URL")
			.register(meters);
		this.retried = Counter.builder("signet.notifications.forward.retries")
			.description("Forwarding attempts that failed and were scheduled again")
			.register(meters);
		Gauge.builder("signet.notifications.forward.pending", this.pending, Map::size)
			.description("Accepted notifications not yet delivered")
			.register(meters);
	}

	/**
	 * Queues a notification for forwarding.
	 * @param notification the notification
	 * @return {@code false} when the queue is full or shutting down: the caller must not
	 * acknowledge the notification
	 */
	boolean submit(AcceptedNotification notification) {
		if (this.executor.isShutdown() || this.pending.size() >= this.policy.queueCapacity()) {
			return false;
		}
		Attempt first = new Attempt(notification, 1);
		if (this.pending.putIfAbsent(notification.id(), first) != null) {
			return true;
		}
		try {
			this.executor.execute(first);
			return true;
		}
		catch (RuntimeException ex) {
			this.pending.remove(notification.id());
			return false;
		}
	}

	int pending() {
		return this.pending.size();
	}

	private void attempt(Attempt attempt) {
		String failure;
		try {
			HttpResponse<Void> response = this.client.send(request(attempt.notification),
					HttpResponse.BodyHandlers.discarding());
			if (response.statusCode() >= 200 && response.statusCode() < 300) {
				this.pending.remove(attempt.notification.id());
				this.forwarded.increment();
				log.info("Forwarded notification " + attempt.notification.id() + " (attempt " + attempt.number + ")");
				return;
			}
			failure = "HTTP " + response.statusCode();
		}
		catch (IOException ex) {
			failure = ex.getClass().getSimpleName();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			giveUp(attempt, "interrupted at shutdown", "shutdown");
			return;
		}
		if (attempt.number >= this.policy.maxAttempts()) {
			giveUp(attempt, failure, "exhausted");
			return;
		}
		Duration delay = backoff(attempt.number);
		this.retried.increment();
		log.warn("Forwarding notification " + attempt.notification.id() + " failed (" + failure + ", attempt "
				+ attempt.number + " of " + this.policy.maxAttempts() + "); retrying in " + delay.toMillis() + " ms");
		Attempt next = new Attempt(attempt.notification, attempt.number + 1);
		if (!this.pending.replace(attempt.notification.id(), attempt, next)) {
			return;
		}
		try {
			this.executor.schedule(next, delay.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (RuntimeException ex) {
			giveUp(attempt, failure + ", then shutdown", "shutdown");
		}
	}

	private HttpRequest request(AcceptedNotification notification) {
		String contentType = (notification.contentType() != null) ? notification.contentType() : "application/json";
		HttpRequest.Builder builder = HttpRequest.newBuilder(this.target);
		Map<String, String> signed = ForwardSignature.headers(notification.id(), notification.arrival());
		signed.forEach(builder::header);
		if (this.signature != null) {
			builder.header(ForwardSignature.SIGNATURE,
					this.signature.sign(Instant.now().getEpochSecond(), signed, notification.body()));
		}
		return builder.timeout(this.policy.timeout())
			.header("Content-Type", contentType)
			.header("X-Cld-Signature", notification.signature())
			.header("X-Cld-Timestamp", notification.timestamp())
			.header("X-Signet-Notification-Id", notification.id())
			.header("X-Signet-Account", notification.account())
			.header("X-Signet-Api-Key", notification.apiKey())
			.POST(HttpRequest.BodyPublishers.ofByteArray(notification.body()))
			.build();
	}

	Duration backoff(int failedAttempts) {
		long initial = this.policy.initialBackoff().toMillis();
		long max = this.policy.maxBackoff().toMillis();
		long exponential = (failedAttempts >= 31) ? max : Math.min(max, initial << (failedAttempts - 1));
		long half = exponential / 2;
		return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(half + 1));
	}

	private void giveUp(Attempt attempt, String failure, String reason) {
		if (!this.pending.remove(attempt.notification.id(), attempt)) {
			return;
		}
		AcceptedNotification notification = attempt.notification;
		Path written = deadLetter(notification, failure, attempt.number);
		// Counted once the dead letter is written, so that whoever watches the counter
		// finds the file.
		Counter.builder("signet.notifications.forward.failed")
			.description("Accepted notifications that could not be delivered")
			.tag("reason", reason)
			.register(this.meters)
			.increment();
		log.error("Gave up forwarding notification " + notification.id() + " of account '" + notification.account()
				+ "' (X-Cld-Timestamp " + notification.timestamp() + ", " + notification.body().length
				+ " bytes) after " + attempt.number + " attempt(s): " + failure
				+ ((written != null) ? "; written to " + written + " for a manual replay" : ""));
	}

	private @Nullable Path deadLetter(AcceptedNotification notification, String failure, int attempts) {
		Path dir = this.policy.deadLetterDir();
		if (dir == null) {
			return null;
		}
		try {
			Files.createDirectories(dir);
			Path body = dir.resolve(notification.id() + ".body");
			Files.write(body, notification.body());
			String meta = "id=" + notification.id() + "\naccount=" + notification.account() + "\napi_key="
					+ notification.apiKey() + "\nx_cld_signature=" + notification.signature() + "\nx_cld_timestamp="
					+ notification.timestamp() + "\ncontent_type=" + notification.contentType() + "\nattempts="
					+ attempts + "\nlast_failure=" + failure + "\ngiven_up_at=" + Instant.now() + "\n";
			Files.writeString(dir.resolve(notification.id() + ".properties"), meta, StandardCharsets.UTF_8);
			return body;
		}
		catch (IOException ex) {
			log.error("Could not write notification " + notification.id() + " to " + dir + ": " + ex);
			return null;
		}
	}

	/**
	 * Stops accepting, waits up to the grace period for pending notifications, then gives
	 * up on (logs, counts and dead-letters) the ones left.
	 */
	@Override
	public void close() {
		long deadline = System.nanoTime() + this.policy.shutdownGrace().toNanos();
		while (!this.pending.isEmpty() && System.nanoTime() < deadline) {
			try {
				Thread.sleep(20);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
		}
		this.executor.shutdownNow();
		try {
			this.executor.awaitTermination(this.policy.timeout().toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		for (Attempt attempt : List.copyOf(this.pending.values())) {
			giveUp(attempt, "still pending at shutdown", "shutdown");
		}
	}

	private final class Attempt implements Runnable {

		private final AcceptedNotification notification;

		private final int number;

		Attempt(AcceptedNotification notification, int number) {
			this.notification = notification;
			this.number = number;
		}

		@Override
		public void run() {
			attempt(this);
		}

	}

}
