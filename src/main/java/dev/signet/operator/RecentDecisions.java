package dev.signet.operator;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import dev.signet.access.AuditTrail;
import org.jspecify.annotations.Nullable;

/**
 * The latest decisions of the audit, kept in memory in a bounded ring (the oldest is
 * dropped first): exactly the events the {@code signet.audit} logger writes, so never a
 * secret, a signature or a parameter value. Each replica keeps its own.
 *
 * @author Signet developers
 */
public class RecentDecisions implements AuditTrail.Listener {

	private final int capacity;

	private final ArrayDeque<Map<String, Object>> events;

	private long recorded;

	/**
	 * A ring.
	 * @param capacity how many decisions to keep; 0 keeps none
	 */
	public RecentDecisions(int capacity) {
		this.capacity = capacity;
		this.events = new ArrayDeque<>(Math.min(capacity, 1024));
	}

	@Override
	public void recorded(Map<String, Object> event) {
		if (this.capacity == 0) {
			return;
		}
		synchronized (this.events) {
			if (this.events.size() == this.capacity) {
				this.events.removeFirst();
			}
			this.events.addLast(event);
			this.recorded++;
		}
	}

	/**
	 * How many decisions are kept at most.
	 * @return the capacity
	 */
	public int capacity() {
		return this.capacity;
	}

	/**
	 * How many decisions were recorded since Signet started, kept or dropped.
	 * @return the count
	 */
	public long recorded() {
		synchronized (this.events) {
			return this.recorded;
		}
	}

	/**
	 * The latest decisions that match a filter, newest first.
	 * @param filter what to match
	 * @param limit the most to return
	 * @return the events
	 */
	public List<Map<String, Object>> latest(Filter filter, int limit) {
		List<Map<String, Object>> found = new ArrayList<>(Math.min(limit, 100));
		synchronized (this.events) {
			Iterator<Map<String, Object>> newestFirst = this.events.descendingIterator();
			while (newestFirst.hasNext() && found.size() < limit) {
				Map<String, Object> event = newestFirst.next();
				if (filter.matches(event)) {
					found.add(event);
				}
			}
		}
		return found;
	}

	/**
	 * The outcome of an event: {@code issued} or {@code refused}.
	 * @param event the event
	 * @return the outcome
	 */
	static String outcome(Map<String, Object> event) {
		String name = String.valueOf(event.get("event"));
		return name.substring(name.lastIndexOf('.') + 1);
	}

	/**
	 * Which decisions to show; a {@code null} field matches every decision.
	 *
	 * @param caller the client: an API-key client name, a JWT's {@code azp} or
	 * {@code client_id}, or the issuer of tokens with neither
	 * @param profile the profile's name ({@code -} for decisions made before one was
	 * selected)
	 * @param outcome {@code issued}, {@code refused}, or the reason of a refusal (its
	 * problem type's slug, such as {@code rate-limited})
	 */
	public record Filter(@Nullable String caller, @Nullable String profile, @Nullable String outcome) {

		boolean matches(Map<String, Object> event) {
			if (this.caller != null && !this.caller.equals(event.get("client"))) {
				return false;
			}
			if (this.profile != null && !this.profile.equals(event.get("profile"))) {
				return false;
			}
			return this.outcome == null || this.outcome.equals(RecentDecisions.outcome(event))
					|| this.outcome.equals(event.get("reason"));
		}

	}

}
