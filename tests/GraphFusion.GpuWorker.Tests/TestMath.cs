namespace GraphFusion.GpuWorker.Tests;

internal static class TestMath
{
    public static void AssertClose(float[] expected, float[] actual, float tolerance = 1e-4f)
    {
        Assert.Equal(expected.Length, actual.Length);
        var max = expected.Zip(actual, (a, b) => Math.Abs(a - b)).Max();
        Assert.True(max <= tolerance, $"max |diff| {max}");
    }
}
