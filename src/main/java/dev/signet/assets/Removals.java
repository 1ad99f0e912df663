package dev.signet.assets;

/**
 * Removes rejected assets from Cloudinary through the Upload API's signed {@code destroy}
 * with {@code invalidate=true}, in the background, retrying with backoff until Cloudinary
 * confirms (or says there is nothing to destroy); then marks the record {@code removed}.
 * A removal that keeps failing is counted and alerted on, never dropped silently.
 *
 * @author Signet developers
 */
public interface Removals {

	/**
	 * Schedules the removal of a rejected record's asset; returns at once.
	 * @param record the rejected record, with its asset
	 */
	void remove(UploadRecord record);

	/**
	 * Schedules the removal of another asset than the record's, tied to it: a second
	 * upload made with the record's signature that broke a rule. The record is not
	 * changed; returns at once.
	 * @param record the record whose signature was used again
	 * @param asset the asset to destroy
	 */
	void removeExtra(UploadRecord record, AssetFacts asset);

}
