using System.Text;
using GraphFusion.Core.Alignment.Jobs;

namespace GraphFusion.Core.Tests.Alignment;

public class AlignmentJobReaderTests
{
    [Fact]
    public void Reads_paths_folders_and_tuning()
    {
        var job = Read("""{ "left": "alignments/x/left", "right": "references/en/", "seeds": "alignments/x/seeds.tsv", "llmRounds": 3, "rounds": 8, "nameWeight": 0, "acceptScore": 0.3, }""");

        Assert.Equal(("alignments/x/left/", "references/en/", "alignments/x/seeds.tsv", 3), (job.Left, job.Right, job.Seeds, job.LlmRounds));
        Assert.Equal((8, 0f, 1f, 0.3f), (job.Options.Rounds, job.Options.NameWeight, job.Options.StructureWeight, job.Options.AcceptScore));
    }

    [Theory]
    [InlineData("""{ "left": "a/", "right": "b/", "seeds": "s", "llmRounds": 17 }""", "job.json: 'llmRounds' must be a whole number from 0 to 16, not 17")]
    [InlineData("""{ "left": "a/", "right": "b/", "seeds": "s", "rounds": 1.5 }""", "job.json: 'rounds' must be a whole number from 0 to 64, not 1.5")]
    [InlineData("""{ "left": "a/", "right": "b/", "seeds": "s", "nameWeight": 0, "structureWeight": 0 }""", "job.json: nameWeight and structureWeight cannot both be 0")]
    [InlineData("""{ "left": "", "right": "b/", "seeds": "s" }""", "job.json: 'left' is missing")]
    [InlineData("""[ "a/", "b/" ]""", "job.json: expected a JSON object with left, right and seeds")]
    public void Refuses_bad_jobs_naming_the_file_and_field(string json, string error)
    {
        var exception = Assert.Throws<FormatException>(() => Read(json));

        Assert.StartsWith(error, exception.Message, StringComparison.Ordinal);
    }

    private static AlignmentJob Read(string json) => AlignmentJobReader.Read("job.json", Encoding.UTF8.GetBytes(json));
}
