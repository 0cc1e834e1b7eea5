namespace GraphFusion.Core.Alignment.Jobs;

/// <summary>Where an alignment job's results go: the <c>alignment-results</c> blob container, or a local folder.</summary>
public interface IAlignmentOutput
{
    /// <summary>Where <paramref name="file"/> of <paramref name="job"/>'s results is written, as its readers name it.</summary>
    string Locate(string job, string file);

    /// <summary>Writes (or overwrites) one result file of a job.</summary>
    Task WriteAsync(string job, string file, byte[] content, CancellationToken cancellationToken);
}
