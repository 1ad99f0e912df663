package dev.signet.signing;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A parameter value as the client must post it, plus its items when it is a list.
 *
 * @param posted the exact string the client posts to Cloudinary and Signet signs
 * @param items the items when the value came as a JSON array of strings, else
 * {@code null}
 * @author Signet developers
 */
public record ParamValue(String posted, @Nullable List<String> items) {

	static ParamValue of(String posted) {
		return new ParamValue(posted, null);
	}

	/**
	 * The items of a list parameter: the array items, or the comma-separated parts of a
	 * string.
	 * @return the items
	 */
	public List<String> listItems() {
		return (this.items != null) ? this.items : List.of(this.posted.split(",", -1));
	}

}
