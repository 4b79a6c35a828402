package com.studytracker.observability;

import java.util.ArrayList;
import java.util.List;

/** One scrape in Prometheus' text format, read the way a query would. */
final class PrometheusScrape {

	private final List<String> samples = new ArrayList<>();

	PrometheusScrape(String text) {
		text.lines().filter(line -> !line.isBlank() && !line.startsWith("#")).forEach(this.samples::add);
	}

	/**
	 * The sum of the samples of this series having all these labels (name, value pairs),
	 * or null if there is none.
	 */
	Double value(String name, String... labels) {
		Double total = null;
		for (String sample : this.samples) {
			if (matches(sample, name, labels)) {
				double value = Double.parseDouble(sample.substring(sample.lastIndexOf(' ') + 1));
				total = (total != null) ? total + value : value;
			}
		}
		return total;
	}

	/**
	 * The samples whose name starts with this prefix, one a line: for failure messages.
	 */
	String samples(String prefix) {
		return String.join("\n", this.samples.stream().filter(sample -> sample.startsWith(prefix)).toList());
	}

	/** How much the series grew since an earlier scrape (absent counts as 0 before). */
	double increase(PrometheusScrape before, String name, String... labels) {
		Double now = value(name, labels);
		Double then = before.value(name, labels);
		return ((now != null) ? now : Double.NaN) - ((then != null) ? then : 0);
	}

	private static boolean matches(String sample, String name, String[] labels) {
		if (!sample.startsWith(name + "{") && !sample.startsWith(name + " ")) {
			return false;
		}
		for (int i = 0; i < labels.length; i += 2) {
			if (!sample.contains(labels[i] + "=\"" + labels[i + 1] + "\"")) {
				return false;
			}
		}
		return true;
	}

}
