using System.Globalization;
using System.Security;
using System.Text;

namespace GraphFusion.Cli.Commands.Bench;

/// <summary>Hand-written SVG charts: horizontal bars and a log-log line plot.</summary>
internal static class Svg
{
    private const string Font = "font-family=\"sans-serif\" font-size=\"12\"";

    /// <summary>Horizontal bars, one per (label, value); <paramref name="highlight"/> marks the ceiling bars.</summary>
    public static string Bars(string title, string unit, IReadOnlyList<(string Label, double Value, bool Highlight)> bars)
    {
        const int right = 90, barHeight = 22, gap = 8, top = 36;

        // About 7 px per character of a 12 px sans-serif label, so long labels widen the chart instead of being cut off.
        var left = Math.Max(220, (7 * bars.Select(b => b.Label.Length).DefaultIfEmpty(0).Max()) + 16);
        var width = left + 330 + right;
        var height = top + (bars.Count * (barHeight + gap)) + 30;
        var max = Math.Max(bars.Select(b => b.Value).DefaultIfEmpty(0).Max(), 1e-12);
        var svg = Open(width, height, title);
        for (var i = 0; i < bars.Count; i++)
        {
            var (label, value, highlight) = bars[i];
            var y = top + (i * (barHeight + gap));
            var w = Math.Max(1, (width - left - right) * value / max);
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{left - 8}\" y=\"{y + 15}\" text-anchor=\"end\" {Font}>{Escape(label)}</text>");
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{left}\" y=\"{y}\" width=\"{w:F1}\" height=\"{barHeight}\" fill=\"{(highlight ? "#9aa5b1" : "#2f6fb0")}\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{left + w + 6:F1}\" y=\"{y + 15}\" {Font}>{Escape(Number(value))}</text>");
        }

        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{left}\" y=\"{height - 8}\" {Font} fill=\"#555\">{Escape(unit)} (grey: ceiling)</text>");
        return Close(svg);
    }

    /// <summary>A log-log plot of one or more series of (x, y) points, with a dashed linear reference through the first point.</summary>
    public static string LogLog(string title, string xLabel, string yLabel, IReadOnlyList<(string Name, IReadOnlyList<(double X, double Y)> Points)> series)
    {
        const int width = 640, height = 400, left = 70, right = 150, top = 36, bottom = 50;
        var points = series.SelectMany(s => s.Points).Where(p => p.X > 0 && p.Y > 0).ToList();
        var svg = Open(width, height, title);
        if (points.Count == 0)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{left}\" y=\"{top + 20}\" {Font}>no data</text>");
            return Close(svg);
        }

        var xMin = Math.Floor(Math.Log10(points.Min(p => p.X)));
        var xMax = Math.Max(Math.Ceiling(Math.Log10(points.Max(p => p.X))), xMin + 1);
        var yMin = Math.Floor(Math.Log10(points.Min(p => p.Y)));
        var yMax = Math.Max(Math.Ceiling(Math.Log10(points.Max(p => p.Y))), yMin + 1);
        double X(double x) => left + ((Math.Log10(x) - xMin) / (xMax - xMin) * (width - left - right));
        double Y(double y) => height - bottom - ((Math.Log10(y) - yMin) / (yMax - yMin) * (height - top - bottom));

        svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{left}\" y=\"{top}\" width=\"{width - left - right}\" height=\"{height - top - bottom}\" fill=\"none\" stroke=\"#888\"/>");
        for (var e = xMin; e <= xMax; e++)
        {
            var x = X(Math.Pow(10, e));
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{x:F1}\" y1=\"{top}\" x2=\"{x:F1}\" y2=\"{height - bottom}\" stroke=\"#eee\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{x:F1}\" y=\"{height - bottom + 16}\" text-anchor=\"middle\" {Font}>{Escape(Number(Math.Pow(10, e)))}</text>");
        }

        for (var e = yMin; e <= yMax; e++)
        {
            var y = Y(Math.Pow(10, e));
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{left}\" y1=\"{y:F1}\" x2=\"{width - right}\" y2=\"{y:F1}\" stroke=\"#eee\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{left - 6}\" y=\"{y + 4:F1}\" text-anchor=\"end\" {Font}>{Escape(Number(Math.Pow(10, e)))}</text>");
        }

        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{(left + width - right) / 2}\" y=\"{height - 12}\" text-anchor=\"middle\" {Font}>{Escape(xLabel)}</text>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"14\" y=\"{(top + height - bottom) / 2}\" text-anchor=\"middle\" transform=\"rotate(-90 14 {(top + height - bottom) / 2})\" {Font}>{Escape(yLabel)}</text>");

        string[] colours = ["#2f6fb0", "#c0392b", "#27ae60", "#8e44ad"];
        for (var s = 0; s < series.Count; s++)
        {
            var (name, data) = series[s];
            var valid = data.Where(p => p.X > 0 && p.Y > 0).OrderBy(p => p.X).ToList();
            if (valid.Count == 0)
            {
                continue;
            }

            var colour = colours[s % colours.Length];
            var path = string.Join(' ', valid.Select((p, i) => string.Create(CultureInfo.InvariantCulture, $"{(i == 0 ? 'M' : 'L')}{X(p.X):F1},{Y(p.Y):F1}")));
            svg.Append(CultureInfo.InvariantCulture, $"<path d=\"{path}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"2\"/>");
            foreach (var p in valid)
            {
                svg.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{X(p.X):F1}\" cy=\"{Y(p.Y):F1}\" r=\"3.5\" fill=\"{colour}\"/>");
            }

            // Linear scaling from the first point, for reference.
            var first = valid[0];
            var lastX = Math.Pow(10, xMax);
            var refEnd = (X: lastX, Y: first.Y * lastX / first.X);
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{X(first.X):F1}\" y1=\"{Y(first.Y):F1}\" x2=\"{X(refEnd.X):F1}\" y2=\"{Math.Max(top, Y(refEnd.Y)):F1}\" stroke=\"{colour}\" stroke-dasharray=\"4 4\" opacity=\"0.5\"/>");
            var legendY = top + 16 + (s * 36);
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{width - right + 8}\" y=\"{legendY}\" {Font} fill=\"{colour}\">{Escape(name)}</text>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{width - right + 8}\" y=\"{legendY + 14}\" {Font} fill=\"#777\">dashed: linear</text>");
        }

        return Close(svg);
    }

    private static StringBuilder Open(int width, int height, string title)
    {
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\">");
        svg.Append(CultureInfo.InvariantCulture, $"<rect width=\"{width}\" height=\"{height}\" fill=\"white\"/>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"10\" y=\"20\" font-family=\"sans-serif\" font-size=\"14\" font-weight=\"bold\">{Escape(title)}</text>");
        return svg;
    }

    private static string Close(StringBuilder svg) => svg.Append("</svg>\n").ToString();

    private static string Escape(string text) => SecurityElement.Escape(text) ?? "";

    private static string Number(double value) =>
        value switch
        {
            >= 1e6 => (value / 1e6).ToString("0.##", CultureInfo.InvariantCulture) + "M",
            >= 1e4 => (value / 1e3).ToString("0.#", CultureInfo.InvariantCulture) + "k",
            >= 100 => value.ToString("0", CultureInfo.InvariantCulture),
            >= 1 => value.ToString("0.##", CultureInfo.InvariantCulture),
            _ => value.ToString("0.###", CultureInfo.InvariantCulture),
        };
}
