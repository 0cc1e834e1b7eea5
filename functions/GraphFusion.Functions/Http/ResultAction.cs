using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace GraphFusion.Functions.Http;

/// <summary>Runs a shared handler's <see cref="IResult"/> as the function's result.</summary>
internal sealed class ResultAction(IResult result) : IActionResult
{
    public Task ExecuteResultAsync(ActionContext context) => result.ExecuteAsync(context.HttpContext);

    public static async Task<IActionResult> Of(Task<IResult> result) => new ResultAction(await result);
}
