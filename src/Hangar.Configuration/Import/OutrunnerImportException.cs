namespace Hangar.Configuration.Import;

/// <summary>An outrunner file that cannot be converted; the message starts with FILE:LINE:COL where there is a position.</summary>
public sealed class OutrunnerImportException(string message) : Exception(message);
