using GraphFusion.Core.Graph;

namespace GraphFusion.Core.Tests.Fusion.LinkPrediction;

/// <summary>
/// A graph with a planted structure: communities of methods and tasks where every method is used for every task of its
/// community, and nothing crosses communities. Some of these facts are left out: they are the ones to rediscover.
/// </summary>
internal sealed class PlantedGraph
{
    public PlantedGraph(int communities = 24, int methods = 5, int tasks = 4, int missingPerCommunity = 1)
    {
        for (var c = 0; c < communities; c++)
        {
            for (var m = 0; m < methods; m++)
            {
                Entities.Add(new Entity { Id = Method(c, m), Name = $"method {c}.{m}", Type = "Method" });
            }

            for (var t = 0; t < tasks; t++)
            {
                Entities.Add(new Entity { Id = Task(c, t), Name = $"task {c}.{t}", Type = "Task" });
            }

            for (var m = 0; m < methods; m++)
            {
                for (var t = 0; t < tasks; t++)
                {
                    var planted = (Method(c, m), Task(c, t));
                    // The first pairs of each community (diagonal) are the missing facts.
                    if (m == t && m < missingPerCommunity)
                    {
                        Missing.Add(planted);
                    }
                    else
                    {
                        Relations.Add(Stated(planted.Item1, RelationSchema.UsedFor, planted.Item2));
                    }
                }
            }
        }
    }

    public List<Entity> Entities { get; } = [];

    public List<Relation> Relations { get; } = [];

    public List<(string Head, string Tail)> Missing { get; } = [];

    public static string Method(int community, int index) => $"m-{community:D2}-{index}";

    public static string Task(int community, int index) => $"t-{community:D2}-{index}";

    public static int Community(string id) => int.Parse(id.AsSpan(2, 2), System.Globalization.CultureInfo.InvariantCulture);

    public static Relation Stated(string head, string type, string tail) => new()
    {
        Id = StableId.Of("r-", head, tail),
        HeadId = head,
        Type = type,
        TailId = tail,
        Confidence = 0.9,
        Evidence = [new Evidence("d-1", "c-1", 0, 10, "planted", type, 0.9, "test")],
    };

    public static Relation RuleInferred(string head, string type, string tail) => new()
    {
        Id = StableId.Of("r-", head, tail),
        HeadId = head,
        Type = type,
        TailId = tail,
        Confidence = 0.5,
        Inferred = true,
        Reasoning = $"{type} transitivity: test",
    };
}
