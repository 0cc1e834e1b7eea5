namespace GraphFusion.Core.Alignment.Jobs;

/// <summary>
/// What to align, as a team writes it in a job file: two graph folders and a seed file, named as blob paths
/// (<c>container/path</c>; a folder ends in <c>/</c>) or local paths, plus the aligner's tuning.
/// </summary>
/// <param name="Left">Folder with <c>ent_ids</c> and <c>triples</c> (or <c>ent_ids_1</c>/<c>triples_1</c>).</param>
/// <param name="Right">Folder with <c>ent_ids</c> and <c>triples</c> (or <c>ent_ids_2</c>/<c>triples_2</c>).</param>
/// <param name="Seeds">Known pairs, <c>left id&lt;TAB&gt;right id</c> per line.</param>
/// <param name="LlmRounds">Rounds of the chat model's vote over each entity's top candidates; 0 aligns without a model.</param>
public sealed record AlignmentJob(string Left, string Right, string Seeds, int LlmRounds, GraphAlignerOptions Options);
