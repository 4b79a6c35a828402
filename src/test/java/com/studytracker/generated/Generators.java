package com.studytracker.generated;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;

/**
 * Seeded generators and a plain property runner (no property-testing library). One seed
 * per JVM, printed at the start of every property and settable with
 * {@code -Dproperties.seed=}; the number of tries is each property's CI size unless
 * {@code -Dproperties.tries=} says otherwise. A failing property reports the seed, how
 * many tries failed and the shortest failing input (no shrinking).
 */
public final class Generators {

	/** The seed of this run: {@code -Dproperties.seed=}, else a fresh one. */
	public static final long SEED = Long.getLong("properties.seed", new SplittableRandom().nextLong());

	private static final int MAX_KEPT_FAILURES = 100;

	private Generators() {
	}

	/** {@code -Dproperties.tries=}, else the CI size given. */
	public static int tries(int ciSize) {
		return Integer.getInteger("properties.tries", ciSize);
	}

	/**
	 * The random source of one named property: depends on the seed and the name only, so
	 * a property reproduces whatever else runs.
	 */
	public static SplittableRandom random(String property) {
		return new SplittableRandom(SEED ^ (0x9E3779B97F4A7C15L * property.hashCode()));
	}

	/** A generator of values from a random source. */
	@FunctionalInterface
	public interface Gen<T> {

		T next(RandomGenerator random);

		default <R> Gen<R> map(Function<? super T, ? extends R> mapper) {
			return (random) -> mapper.apply(next(random));
		}

		default <R> Gen<R> flatMap(Function<? super T, Gen<R>> mapper) {
			return (random) -> mapper.apply(next(random)).next(random);
		}

		default Gen<T> filter(Predicate<? super T> condition) {
			return (random) -> {
				for (int i = 0; i < 10_000; i++) {
					T value = next(random);
					if (condition.test(value)) {
						return value;
					}
				}
				throw new IllegalStateException("Filter rejects almost everything");
			};
		}

		default Gen<List<T>> list(int minSize, int maxSize) {
			return (random) -> {
				int size = random.nextInt(minSize, maxSize + 1);
				List<T> values = new ArrayList<>(size);
				for (int i = 0; i < size; i++) {
					values.add(next(random));
				}
				return values;
			};
		}

	}

	/** A generator with its weight, for {@link #frequency}. */
	public record Weighted<T>(int weight, Gen<? extends T> gen) {
	}

	public static <T> Weighted<T> weight(int weight, Gen<? extends T> gen) {
		return new Weighted<>(weight, gen);
	}

	@SafeVarargs
	public static <T> Gen<T> frequency(Weighted<T>... choices) {
		return frequency(List.of(choices));
	}

	public static <T> Gen<T> frequency(List<Weighted<T>> choices) {
		int total = choices.stream().mapToInt(Weighted::weight).sum();
		return (random) -> {
			int pick = random.nextInt(total);
			for (Weighted<T> choice : choices) {
				pick -= choice.weight();
				if (pick < 0) {
					return choice.gen().next(random);
				}
			}
			throw new IllegalStateException();
		};
	}

	@SafeVarargs
	public static <T> Gen<T> oneOf(Gen<? extends T>... gens) {
		return (random) -> gens[random.nextInt(gens.length)].next(random);
	}

	public static <T> Gen<T> oneOf(List<Gen<? extends T>> gens) {
		return (random) -> gens.get(random.nextInt(gens.size())).next(random);
	}

	@SafeVarargs
	public static <T> Gen<T> of(T... values) {
		return (random) -> values[random.nextInt(values.length)];
	}

	public static Gen<Integer> of(int[] values) {
		return (random) -> values[random.nextInt(values.length)];
	}

	public static <T> Gen<T> just(T value) {
		return (random) -> value;
	}

	/** Uniform in {@code min..max}, both included. */
	public static Gen<Integer> ints(int min, int max) {
		return (random) -> random.nextInt(min, max + 1);
	}

	public static Gen<Long> longs() {
		return RandomGenerator::nextLong;
	}

	public static Gen<Boolean> booleans() {
		return RandomGenerator::nextBoolean;
	}

	public static Gen<Double> unit() {
		return RandomGenerator::nextDouble;
	}

	/** A string of {@code min..max} decimal digits. */
	public static Gen<String> digits(int min, int max) {
		return (random) -> {
			int length = random.nextInt(min, max + 1);
			StringBuilder out = new StringBuilder(length);
			for (int i = 0; i < length; i++) {
				out.append((char) ('0' + random.nextInt(10)));
			}
			return out.toString();
		};
	}

	/**
	 * Checks {@code property} on {@code tries} generated values. Every try runs (a
	 * failure does not stop the others); the report names the seed, the number of failing
	 * tries and the shortest failing input with its error.
	 */
	public static <T> void forAll(String property, int tries, Gen<T> gen, Function<T, String> describe,
			Consumer<T> check) {
		System.out.printf("Property %s: %d tries, seed %d (-Dproperties.seed=%d)%n", property, tries, SEED, SEED);
		SplittableRandom random = random(property);
		List<Failure> failures = new ArrayList<>();
		int failed = 0;
		for (int i = 0; i < tries; i++) {
			T value = gen.next(random.split());
			try {
				check.accept(value);
			}
			catch (AssertionError | RuntimeException ex) {
				failed++;
				if (failures.size() < MAX_KEPT_FAILURES) {
					failures.add(new Failure(i, describe.apply(value), ex));
				}
			}
		}
		if (failed > 0) {
			Failure shortest = failures.stream().min(Comparator.comparingInt(f -> f.input().length())).orElseThrow();
			String report = String.format(
					"Property %s failed for %d of %d tries, seed %d (rerun with -Dproperties.seed=%d)%n"
							+ "shortest failing input (try %d): %s%n%s",
					property, failed, tries, SEED, SEED, shortest.index(), shortest.input(),
					shortest.error().getMessage());
			System.err.println(report);
			throw new AssertionError(report, shortest.error());
		}
	}

	private record Failure(int index, String input, Throwable error) {
	}

}
