package dev.signet.assets;

import java.util.Collections;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;

/**
 * The rules of a profile that Cloudinary cannot sign, as they were when the upload was
 * signed: checked on the asset that arrived.
 *
 * @param maxBytes the largest asset, or {@code null}
 * @param formats the allowed formats (Cloudinary's names), empty for any
 * @param maxWidth the widest image or video in pixels, or {@code null}
 * @param maxHeight the tallest, or {@code null}
 * @param maxDurationSeconds the longest video or audio, or {@code null}
 * @param maxBytesPerDay the bytes one caller may upload through the profile per UTC day,
 * or {@code null}
 * @author Signet developers
 */
public record AssetRules(@Nullable Long maxBytes, Set<String> formats, @Nullable Integer maxWidth,
		@Nullable Integer maxHeight, @Nullable Double maxDurationSeconds, @Nullable Long maxBytesPerDay) {

	/** No rule. */
	public static final AssetRules NONE = new AssetRules(null, Set.of(), null, null, null, null);

	public AssetRules {
		formats = Collections.unmodifiableSortedSet(new TreeSet<>(formats));
	}

	/**
	 * Whether any rule is checked on the asset (the byte quota counts, it does not
	 * reject).
	 * @return true when an asset can break a rule
	 */
	public boolean checksAssets() {
		return this.maxBytes != null || !this.formats.isEmpty() || this.maxWidth != null || this.maxHeight != null
				|| this.maxDurationSeconds != null;
	}

	/**
	 * The first rule the asset breaks, in words a developer can act on.
	 * @param asset what arrived
	 * @return the reason, or {@code null} when the asset keeps every rule
	 */
	public @Nullable String violation(AssetFacts asset) {
		if (this.maxBytes != null && asset.bytes() > this.maxBytes) {
			return "the file has " + asset.bytes() + " bytes; the profile accepts at most " + this.maxBytes;
		}
		if (!this.formats.isEmpty()) {
			String format = (asset.format() != null) ? asset.format().toLowerCase(Locale.ROOT) : null;
			if (format == null || !this.formats.contains(format)) {
				return "the file's format is " + ((format != null) ? format : "unknown") + "; the profile accepts "
						+ String.join(", ", this.formats);
			}
		}
		if (this.maxWidth != null && asset.width() != null && asset.width() > this.maxWidth) {
			return "the file is " + asset.width() + " pixels wide; the profile accepts at most " + this.maxWidth;
		}
		if (this.maxHeight != null && asset.height() != null && asset.height() > this.maxHeight) {
			return "the file is " + asset.height() + " pixels high; the profile accepts at most " + this.maxHeight;
		}
		if (this.maxDurationSeconds != null && asset.duration() != null && asset.duration() > this.maxDurationSeconds) {
			return "the file lasts " + asset.duration() + " s; the profile accepts at most " + this.maxDurationSeconds
					+ " s";
		}
		return null;
	}

}
