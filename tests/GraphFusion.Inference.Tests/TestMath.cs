namespace GraphFusion.Inference.Tests;

internal static class TestMath
{
    public static float MaxAbsDifference(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        Assert.Equal(a.Length, b.Length);
        var max = 0f;
        for (var i = 0; i < a.Length; i++)
        {
            max = Math.Max(max, Math.Abs(a[i] - b[i]));
        }

        return max;
    }

    public static double Norm(ReadOnlySpan<float> a)
    {
        var sum = 0.0;
        foreach (var x in a)
        {
            sum += (double)x * x;
        }

        return Math.Sqrt(sum);
    }
}
