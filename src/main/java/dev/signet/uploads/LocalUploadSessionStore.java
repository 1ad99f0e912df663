package dev.signet.uploads;

import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.jspecify.annotations.Nullable;

/**
 * Upload sessions in process: one replica's, bounded. When it is full it first forgets
 * the sessions past their grace time; if it is still full, new sessions are refused
 * (never are live ones dropped: that would break uploads half-way).
 *
 * @author Signet developers
 */
public class LocalUploadSessionStore implements UploadSessionStore {

	private final ConcurrentMap<String, UploadSession> sessions = new ConcurrentHashMap<>();

	private final int maxSessions;

	private final Clock clock;

	/**
	 * A store.
	 * @param maxSessions how many sessions it holds at most
	 * @param clock the clock that tells expired sessions
	 */
	public LocalUploadSessionStore(int maxSessions, Clock clock) {
		this.maxSessions = maxSessions;
		this.clock = clock;
	}

	@Override
	public void save(UploadSession session) {
		if (!this.sessions.containsKey(session.id()) && this.sessions.size() >= this.maxSessions) {
			long now = this.clock.instant().getEpochSecond();
			this.sessions.values().removeIf((held) -> forgotten(held, now));
			if (this.sessions.size() >= this.maxSessions) {
				throw new Unavailable("this replica holds " + this.maxSessions
						+ " upload sessions (signet.uploads.max-local-sessions)", null);
			}
		}
		this.sessions.put(session.id(), session);
	}

	@Override
	public @Nullable UploadSession find(String id) {
		UploadSession session = this.sessions.get(id);
		if (session != null && forgotten(session, this.clock.instant().getEpochSecond())) {
			this.sessions.remove(id, session);
			return null;
		}
		return session;
	}

	/**
	 * How many sessions this store holds.
	 * @return the count, expired ones not yet forgotten included
	 */
	int size() {
		return this.sessions.size();
	}

	private static boolean forgotten(UploadSession session, long now) {
		return now > session.expiresAt() + GRACE.toSeconds();
	}

}
