namespace GraphFusion.Merging.LinearAlgebra;

/// <summary>
/// Small deterministic pseudo-random generator (SplitMix64). Seeded from the recipe seed, the tensor name
/// and the model index so that results are reproducible and independent of scheduling order.
/// </summary>
public struct SplitMix64
{
    private ulong _state;

    /// <summary>Creates a generator from a raw 64-bit state.</summary>
    public SplitMix64(ulong seed) => _state = seed;

    /// <summary>Generator for one (seed, tensor, model) triple.</summary>
    public static SplitMix64 For(ulong seed, string tensorName, int modelIndex)
    {
        // FNV-1a over the UTF-16 code units of the name: stable across runs and platforms.
        ulong h = 14695981039346656037UL;
        foreach (char c in tensorName)
        {
            h = (h ^ c) * 1099511628211UL;
        }
        h ^= (ulong)(uint)modelIndex * 0x9E3779B97F4A7C15UL;
        var mixer = new SplitMix64(seed ^ h);
        return new SplitMix64(mixer.NextUInt64());
    }

    /// <summary>The raw state: the n-th output (n ≥ 1) is SplitMix64's mix of State + n·0x9E3779B97F4A7C15, which lets other devices reproduce the stream by element index.</summary>
    internal readonly ulong State => _state;

    /// <summary>Next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        ulong z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Advances the generator as if <see cref="NextUInt64"/> had been called <paramref name="count"/> times, in O(1).</summary>
    public void Skip(long count) => _state += unchecked((ulong)count * 0x9E3779B97F4A7C15UL);

    /// <summary>Uniform double in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Standard normal sample (Box-Muller).</summary>
    public double NextGaussian()
    {
        double u1 = 1.0 - NextDouble();
        double u2 = NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}
