namespace GraphFusion.Merging.LinearAlgebra;

/// <summary>Order statistics on magnitudes by selection (introselect-style quickselect), without a full sort.</summary>
public static class MagnitudeSelection
{
    /// <summary>
    /// The <paramref name="k"/>-th largest absolute value (1-based) of <paramref name="values"/>;
    /// +infinity when k &lt;= 0 and 0 when k exceeds the length. Expected O(n).
    /// </summary>
    public static float KthLargestMagnitude(ReadOnlySpan<float> values, long k)
    {
        if (k <= 0)
        {
            return float.PositiveInfinity;
        }
        if (k > values.Length)
        {
            return 0f;
        }
        float[] mags = new float[values.Length];
        System.Numerics.Tensors.TensorPrimitives.Abs(values, mags);
        // k-th largest == element at index n-k in ascending order.
        return Select(mags, values.Length - (int)k);
    }

    /// <summary>Rearranges <paramref name="a"/> so that a[index] is the value a sorted array would hold there; returns it.</summary>
    public static float Select(Span<float> a, int index)
    {
        int left = 0;
        int right = a.Length - 1;
        ulong rng = 0x2545F4914F6CDD1DUL ^ (ulong)a.Length;
        while (right > left)
        {
            // Random pivot guards against adversarial (e.g. already sorted) inputs.
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            int p = left + (int)(rng % (ulong)(right - left + 1));
            float pivot = a[p];
            // Three-way partition: [left, lt) < pivot, [lt, gt] == pivot, (gt, right] > pivot.
            int lt = left, i = left, gt = right;
            while (i <= gt)
            {
                float v = a[i];
                if (v < pivot)
                {
                    (a[lt], a[i]) = (a[i], a[lt]);
                    lt++;
                    i++;
                }
                else if (v > pivot)
                {
                    (a[gt], a[i]) = (a[i], a[gt]);
                    gt--;
                }
                else
                {
                    i++;
                }
            }
            if (index < lt)
            {
                right = lt - 1;
            }
            else if (index > gt)
            {
                left = gt + 1;
            }
            else
            {
                return pivot;
            }
        }
        return a[index];
    }
}
